package io.groundstation.jobs;

import java.util.Locale;

/** The jobs that one node of a cluster at a time runs ({@link LeasedJobs}), each under its own lease. */
public enum ClusterJob {
    /** Purges processes and agents not seen for registry.retention. */
    REGISTRY_PURGE,
    /** Purges metric points past meter.retention. */
    METER_PURGE,
    /** Purges profiling tasks past task.retention, with their profiles, network results and exports. */
    TASK_PURGE,
    /** Purges stacks no profile uses (after task purges). */
    STACK_PURGE,
    /** Purges policy holdings no node shows any more. */
    ROLLOUT_PURGE,
    /** Pushes ended tasks' profiles to Pyroscope (when export.pyroscope.url is set). */
    PYROSCOPE_EXPORT;

    /**
     * The job's key in the lease table ("registry-purge"). Nodes of different versions share the table during a
     * rolling upgrade, so a constant is never renamed.
     */
    public String lease() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

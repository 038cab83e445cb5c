package io.groundstation.bench.report;

/** Things the simulated fleet counts besides RPCs. */
public enum FleetEvent {
    /** a process entry the server acknowledged for the first time in an agent's life */
    REGISTRATIONS,
    /** a registered process carried by a successful keepAlive or by a successful full re-report */
    PINGS,
    TASKS_STARTED,
    PROFILING_MESSAGES,
    EMPTY_UPLOAD_STREAMS,
    /** one 2-s flush of a NETWORK task's meters, sampled traces and content events */
    NETWORK_FLUSHES,
    AGENT_RESTARTS,
    /** restarts caused by a reply that would crash a real agent */
    AGENT_CRASHES,
    /**
     * a queryPolicies reply that re-synced the agent's checkers (restarting its URI-filtered HTTP windows) because
     * its process set or a policy changed
     */
    NEEDED_RESYNCS,
    /** a re-sync for nothing the agent needed: only URI-filter spellings changed */
    UNNEEDED_RESYNCS,
    /** a loop tick skipped because the previous round of that loop was still waiting for replies */
    SKIPPED_TICKS
}

package io.groundstation.export;

import io.groundstation.task.ProfilingTarget;

import java.util.List;
import java.util.Set;

/** Storage port of profile exports: which ended tasks were pushed, and when a failed push is tried again. */
public interface ExportStore {

    /**
     * Up to {@code limit} tasks of these targets that started at or after {@code oldestStart}, ended (ran out or
     * were stopped) at or before {@code endedBy}, and were never tried or wait for a retry due at {@code now};
     * oldest start first.
     */
    List<DueExport> due(Set<ProfilingTarget> targets, long oldestStart, long endedBy, long now, int limit);

    /** Tasks of these targets that ended by {@code now}, started at or after {@code oldestStart}, not yet decided. */
    long pending(Set<ProfilingTarget> targets, long oldestStart, long now);

    /** Stores what became of one task's export. */
    void save(ExportState state);

    /**
     * Decides as {@link ExportState.Outcome#FAILED} the undecided exports of tasks that started before
     * {@code oldestStart} (retried until too old); returns how many.
     */
    int expire(long oldestStart, long now, String reason);

    /** Forgets the exports of these tasks (they are being purged). */
    void forget(List<String> taskIds);
}

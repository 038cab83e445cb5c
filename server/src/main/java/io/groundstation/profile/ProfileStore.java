package io.groundstation.profile;

import java.util.List;
import java.util.Map;

/** Storage port of uploaded profiles. */
public interface ProfileStore {

    /** Adds the counts to what is stored under each key, storing new stacks and symbols once. */
    void add(Map<SliceKey, SampleCounts> counts);

    /** Totals per stack for a task, optionally one process and a time range [from, to) of slice starts. */
    List<StackTotal> totals(String taskId, String processId, Long from, Long to);

    /** Per process of each given task, what arrived. */
    Map<String, List<ProcessData>> dataOf(List<String> taskIds);

    /** Deletes the samples of these tasks; returns how many sample rows went. */
    int deleteSamplesOf(List<String> taskIds);

    /**
     * Deletes stacks no sample refers to any more, without racing an upload that is about to refer to one;
     * returns how many went. Symbols stay: they are names, bounded by the code the fleet runs.
     */
    int deleteUnusedStacks();
}

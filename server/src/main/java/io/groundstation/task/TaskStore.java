package io.groundstation.task;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Storage port of profiling tasks. */
public interface TaskStore {

    /** The task currently claimed for a process and target, if its claim has not expired at {@code now}. */
    Optional<String> activeTrigger(String processId, ProfilingTarget target, long now);

    /**
     * Claims the process and target for {@code task} until it ends and stores the task, unless another task
     * holds an unexpired claim (a concurrent report, possibly through another node): then nothing is stored and
     * that task's id is returned.
     */
    String claimAndCreate(ProfilingTask task, long now);

    void countRepeat(String taskId);

    long countRunningTriggered(String serviceName, long now);

    /** Tasks of any kind running at {@code now}: started, not stopped, not over. */
    long countRunning(long now);

    /** Triggered tasks started at or after {@code since}, per hour (epoch ms of the hour's start), hours with none left out. */
    List<TriggerCount<Long>> triggeredPerHour(long since);

    /** The services with the most tasks triggered at or after {@code since}, most first, ties by name. */
    List<TriggerCount<String>> mostTriggered(long since, int limit);

    void recordRefusal(String serviceName, long now);

    TriggerRefusals refusals(String serviceName);

    /**
     * Stores fixed-time tasks, giving them update times after every update time already stored (at least
     * {@code now}): agents ask for tasks updated after the latest they have, so update times must only grow.
     */
    List<ProfilingTask> createFixedTime(List<ProfilingTask> tasks, long now);

    /** Ends a fixed-time task at {@code now} with a new update time; empty when there is no such running task. */
    Optional<ProfilingTask> stop(String taskId, long now);

    /** Fixed-time tasks still running at {@code now}, or stopped recently (agents must hear of the stop). */
    List<ProfilingTask> liveFixedTimeTasks(long now);

    Optional<ProfilingTask> find(String id);

    /** Tasks of the target that end after {@code time} (running, future, or ended since), with their processes. */
    List<ProfilingTask> endingAfter(ProfilingTarget target, long time);

    List<ProfilingTask> find(TaskQuery query);

    long count(TaskQuery query);

    /**
     * Up to {@code limit} ids of tasks that ended (ran out or were stopped) before {@code cutoff}, oldest start
     * first.
     */
    List<String> endedBefore(long cutoff, int limit);

    /** Deletes these tasks with their process links and trigger claims; returns how many tasks were deleted. */
    int delete(List<String> taskIds);

    /** Trigger statistics of the given processes, by process id; of one target unless it is null. */
    Map<String, TriggerStats> triggerStats(List<String> processIds, ProfilingTarget target);

    /** The tasks one request created, by process id. */
    List<ProfilingTask> findByRequest(String requestId);

    /** Sets a running fixed-time task's duration at {@code now}, with a new update time (agents re-read it). */
    void extend(String taskId, int durationSeconds, long now);
}

package io.groundstation.task;

import io.groundstation.cache.RefreshingSnapshot;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The stored profiling tasks, however they were started: lookups and listings, the task.max-running cap that
 * triggered and on-demand tasks share, the recent NETWORK tasks that network results are attributed to, and the
 * purge past retention. {@link TriggerGovernor} and {@link OnDemandPlanner} create tasks; this reads them.
 */
public final class Tasks {

    /** Tasks deleted per transaction by the purge: short transactions, so uploads and triggers barely wait. */
    private static final int PURGE_BATCH = 500;
    /** How many NETWORK tasks of one instance a process topology reads at most; a day of 10-minute tasks is 144. */
    static final int MAX_INSTANCE_NETWORK_TASKS = 1000;
    /** NETWORK results reach us up to this long after their task ended (agents' flush delays, clock skew). */
    private static final long NETWORK_LOOKBACK_MILLIS = 600_000;

    private final TaskStore store;
    /** The recent NETWORK tasks that network results are attributed to. */
    private final RefreshingSnapshot<List<ProfilingTask>> recentNetwork;
    private final int maxRunning;
    private final Clock clock;

    public Tasks(TaskStore store, int maxRunning, Duration refresh, Clock clock) {
        this.store = store;
        this.recentNetwork = new RefreshingSnapshot<>((now, previous) -> List.copyOf(store.endingAfter(
                ProfilingTarget.NETWORK, now - NETWORK_LOOKBACK_MILLIS)), refresh.toMillis(), clock);
        this.maxRunning = maxRunning;
        this.clock = clock;
    }

    /** Throws {@link TaskLimitReached} unless {@code more} tasks fit under task.max-running. */
    void checkRoomFor(int more, long now) {
        long running = store.countRunning(now);
        if (running + more > maxRunning) {
            throw new TaskLimitReached(running + " tasks are running; " + more + " more would pass task.max-running ("
                    + maxRunning + ")");
        }
    }

    /** A NETWORK task was made, extended or stopped through this node: the next read of recent ones re-reads. */
    void networkTasksChanged() {
        recentNetwork.invalidate();
    }

    /**
     * Deletes the tasks that ended longer than {@code retention} ago, a batch at a time; {@code deleteData}
     * deletes a batch's uploaded data first, so a purge cut short leaves tasks to find again, never data without
     * its task. Returns how many tasks went.
     */
    public int purgeEndedBefore(Duration retention, Consumer<List<String>> deleteData) {
        long cutoff = clock.millis() - retention.toMillis();
        int purged = 0;
        while (true) {
            List<String> batch = store.endedBefore(cutoff, PURGE_BATCH);
            if (batch.isEmpty()) {
                return purged;
            }
            deleteData.accept(batch);
            int deleted = store.delete(batch);
            if (deleted == 0) {
                return purged; // another node deleted them meanwhile; its run does the rest
            }
            purged += deleted;
        }
    }

    /** The tasks one request created (one, for a trigger), by process. */
    public List<ProfilingTask> requestTasks(String requestId) {
        return store.findByRequest(requestId);
    }

    /**
     * NETWORK tasks that are running, yet to start, or ended in the last ten minutes: what network results can
     * belong to. Read from memory, re-read at most every refresh interval (tasks made through other nodes).
     */
    public List<ProfilingTask> recentNetworkTasks() {
        return recentNetwork.get();
    }

    /** The newest {@value #MAX_INSTANCE_NETWORK_TASKS} NETWORK tasks of a service instance, newest first. */
    public List<ProfilingTask> networkTasksOf(String serviceName, String instanceName) {
        return store.find(new TaskQuery(serviceName, instanceName, null, ProfilingTarget.NETWORK, null, null, null,
                0, MAX_INSTANCE_NETWORK_TASKS));
    }

    public Optional<ProfilingTask> task(String id) {
        return store.find(id);
    }

    public List<ProfilingTask> tasks(TaskQuery query) {
        return store.find(query);
    }

    public long count(TaskQuery query) {
        return store.count(query);
    }

    public long countRunning() {
        return store.countRunning(clock.millis());
    }
}

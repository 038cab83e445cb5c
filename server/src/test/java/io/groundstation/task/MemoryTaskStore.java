package io.groundstation.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The task storage port in memory, with the JDBC store's rules, for fast tests of the trigger rules (claims, repeats,
 * refusals) and the on-demand planners (update times only grow, a stop shortens the task, a stopped task is still
 * served for an hour). What only listings and the purge read is not held; those are tested against the databases.
 */
final class MemoryTaskStore implements TaskStore {

    /** How long a stopped task is still served to agents, as JdbcTaskStore serves it. */
    private static final long RECENTLY_STOPPED_MILLIS = 3_600_000;

    final Map<String, ProfilingTask> tasks = new LinkedHashMap<>();
    private final Map<String, String> claims = new HashMap<>();
    private final Map<String, Integer> repeats = new HashMap<>();
    private final Map<String, TriggerRefusals> refusals = new HashMap<>();
    private long lastUpdate;

    private static String claim(String processId, ProfilingTarget target) {
        return processId + "/" + target;
    }

    @Override
    public synchronized Optional<String> activeTrigger(String processId, ProfilingTarget target, long now) {
        return Optional.ofNullable(claims.get(claim(processId, target))).filter(id -> tasks.get(id).runningAt(now));
    }

    @Override
    public synchronized String claimAndCreate(ProfilingTask task, long now) {
        Optional<String> holder = activeTrigger(task.processIds().get(0), task.target(), now);
        if (holder.isPresent()) {
            return holder.get();
        }
        claims.put(claim(task.processIds().get(0), task.target()), task.id());
        tasks.put(task.id(), task);
        return task.id();
    }

    @Override
    public synchronized void countRepeat(String taskId) {
        repeats.merge(taskId, 1, Integer::sum);
    }

    int repeatsOf(String taskId) {
        return repeats.getOrDefault(taskId, 0);
    }

    @Override
    public synchronized long countRunningTriggered(String serviceName, long now) {
        return tasks.values().stream().filter(t -> t.trigger() == TriggerType.CONTINUOUS_PROFILING
                && t.serviceName().equals(serviceName) && t.runningAt(now)).count();
    }

    @Override
    public synchronized long countRunning(long now) {
        return tasks.values().stream().filter(t -> t.runningAt(now)).count();
    }

    @Override
    public synchronized void recordRefusal(String serviceName, long now) {
        refusals.merge(serviceName, new TriggerRefusals(1, now),
                (a, b) -> new TriggerRefusals(a.count() + 1, b.lastRefusedAt()));
    }

    @Override
    public synchronized TriggerRefusals refusals(String serviceName) {
        return refusals.getOrDefault(serviceName, new TriggerRefusals(0, 0));
    }

    @Override
    public synchronized Optional<ProfilingTask> find(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    public synchronized List<ProfilingTask> endingAfter(ProfilingTarget target, long time) {
        return tasks.values().stream().filter(t -> t.target() == target && t.endTime() > time)
                .sorted(Comparator.comparingLong(ProfilingTask::startTime).thenComparing(ProfilingTask::id))
                .toList();
    }

    @Override
    public synchronized List<ProfilingTask> createFixedTime(List<ProfilingTask> created, long now) {
        List<ProfilingTask> stamped = new ArrayList<>();
        for (ProfilingTask task : created) {
            ProfilingTask made = task.withUpdateTime(nextUpdateTime(now));
            tasks.put(made.id(), made);
            stamped.add(made);
        }
        return stamped;
    }

    @Override
    public synchronized Optional<ProfilingTask> stop(String taskId, long now) {
        ProfilingTask task = tasks.get(taskId);
        if (task == null || task.trigger() != TriggerType.FIXED_TIME || task.stoppedAt() != null
                || task.endTime() <= now) {
            return Optional.empty();
        }
        int duration = task.startTime() >= now ? 1 : (int) ((now - task.startTime() + 999) / 1000);
        ProfilingTask stopped = task.withUpdateTime(nextUpdateTime(now)).withDurationSeconds(duration)
                .withStoppedAt(now);
        tasks.put(taskId, stopped);
        return Optional.of(stopped);
    }

    @Override
    public synchronized void extend(String taskId, int durationSeconds, long now) {
        ProfilingTask task = tasks.get(taskId);
        if (task != null && task.trigger() == TriggerType.FIXED_TIME && task.runningAt(now)) {
            tasks.put(taskId, task.withUpdateTime(nextUpdateTime(now)).withDurationSeconds(durationSeconds));
        }
    }

    @Override
    public synchronized List<ProfilingTask> liveFixedTimeTasks(long now) {
        return tasks.values().stream().filter(t -> t.trigger() == TriggerType.FIXED_TIME)
                .filter(t -> t.endTime() > now
                        || (t.stoppedAt() != null && t.stoppedAt() > now - RECENTLY_STOPPED_MILLIS))
                .sorted(Comparator.comparingLong(ProfilingTask::updateTime)).toList();
    }

    @Override
    public synchronized List<ProfilingTask> findByRequest(String requestId) {
        return tasks.values().stream().filter(t -> Objects.equals(t.requestId(), requestId)).toList();
    }

    private long nextUpdateTime(long now) {
        lastUpdate = Math.max(lastUpdate + 1, now);
        return lastUpdate;
    }

    @Override
    public List<TriggerCount<Long>> triggeredPerHour(long since) {
        throw new UnsupportedOperationException("not held in memory");
    }

    @Override
    public List<TriggerCount<String>> mostTriggered(long since, int limit) {
        throw new UnsupportedOperationException("not held in memory");
    }

    @Override
    public List<ProfilingTask> find(TaskQuery query) {
        throw new UnsupportedOperationException("not held in memory");
    }

    @Override
    public long count(TaskQuery query) {
        throw new UnsupportedOperationException("not held in memory");
    }

    @Override
    public List<String> endedBefore(long cutoff, int limit) {
        throw new UnsupportedOperationException("not held in memory");
    }

    @Override
    public int delete(List<String> taskIds) {
        throw new UnsupportedOperationException("not held in memory");
    }

    @Override
    public Map<String, TriggerStats> triggerStats(List<String> processIds, ProfilingTarget target) {
        throw new UnsupportedOperationException("not held in memory");
    }

}

package io.groundstation.task;

import io.groundstation.registry.Ids;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BinaryOperator;

/**
 * Trigger governance, which OAP lacks: turns an agent's report that a policy fired into a task. A report for a
 * process and target that already has a running task returns that task (Rover reports again every 5 s while it
 * cannot run a task); a service may run at most {@code maxRunningPerService} triggered tasks at once, and all
 * tasks together at most task.max-running. Also what was triggered and refused, for the console.
 */
public final class TriggerGovernor {

    /** The longest triggered task an agent may report; Rover's own default is 10 minutes. */
    public static final int MAX_TRIGGERED_SECONDS = 86_400;

    private final TaskStore store;
    private final Tasks tasks;
    /** (service, regex an agent sent back) -> the current policy's own spelling of it (protocol.md §4). */
    private final BinaryOperator<String> policyRegex;
    private final int maxRunningPerService;
    private final Clock clock;

    public TriggerGovernor(TaskStore store, Tasks tasks, BinaryOperator<String> policyRegex, int maxRunningPerService,
                           Clock clock) {
        this.store = store;
        this.tasks = tasks;
        this.policyRegex = policyRegex;
        this.maxRunningPerService = maxRunningPerService;
        this.clock = clock;
    }

    /**
     * The id of the task that profiles this trigger: a new one, or the one already running for it. Throws
     * {@link TaskRequestProblems} for a report no task can be made of, {@link TaskLimitReached} past a cap.
     */
    public String trigger(TriggerReport report) {
        if (report.durationSeconds() < 1 || report.durationSeconds() > MAX_TRIGGERED_SECONDS) {
            throw new TaskRequestProblems(List.of("duration: must be 1.." + MAX_TRIGGERED_SECONDS + " seconds"));
        }
        long now = clock.millis();
        String processId = Ids.processId(report.serviceName(), report.instanceName(), report.processName());
        Optional<String> running = store.activeTrigger(processId, report.target(), now);
        if (running.isPresent()) {
            store.countRepeat(running.get());
            return running.get();
        }
        checkRoomForTrigger(report.serviceName(), now);
        String service = report.serviceName();
        List<Cause> causes = report.causes().stream().map(c -> c.uriRegex() == null ? c
                : c.withUriRegex(policyRegex.apply(service, c.uriRegex()))).toList();
        List<String> regexes = report.samplingUriRegexes().stream().map(r -> policyRegex.apply(service, r)).toList();
        String id = UUID.randomUUID().toString();
        ProfilingTask task = new ProfilingTask(id, TriggerType.CONTINUOUS_PROFILING,
                report.target(), service, report.instanceName(), report.processName(),
                List.of(processId), now, report.durationSeconds(), now, now, causes, CauseMessage.of(causes),
                regexes, 0, null, null, id, List.of());
        String owner = store.claimAndCreate(task, now);
        if (task.target() == ProfilingTarget.NETWORK) {
            tasks.networkTasksChanged();
        }
        if (!owner.equals(task.id())) {
            store.countRepeat(owner);
        }
        return owner;
    }

    /** Throws {@link TaskLimitReached}, recording the refusal, unless the service may start one more trigger. */
    private void checkRoomForTrigger(String serviceName, long now) {
        try {
            if (store.countRunningTriggered(serviceName, now) >= maxRunningPerService) {
                throw new TaskLimitReached("service " + serviceName + " already runs " + maxRunningPerService
                        + " triggered tasks (task.max-concurrent-per-service)");
            }
            tasks.checkRoomFor(1, now);
        } catch (TaskLimitReached e) {
            store.recordRefusal(serviceName, now);
            throw e;
        }
    }

    /** Tasks policies triggered in each of the last {@code hours} hours, oldest first, the current hour last. */
    public List<TriggerCount<Long>> triggeredPerHour(int hours) {
        long hour = Duration.ofHours(1).toMillis();
        long first = (clock.millis() / hour - hours + 1) * hour;
        Map<Long, Long> counted = new HashMap<>();
        store.triggeredPerHour(first).forEach(c -> counted.put(c.key(), c.tasks()));
        List<TriggerCount<Long>> perHour = new ArrayList<>();
        for (long start = first; perHour.size() < hours; start += hour) {
            perHour.add(new TriggerCount<>(start, counted.getOrDefault(start, 0L)));
        }
        return perHour;
    }

    /** The services whose policies triggered the most tasks in the last {@code hours} hours. */
    public List<TriggerCount<String>> mostTriggered(int hours, int limit) {
        return store.mostTriggered(clock.millis() - Duration.ofHours(hours).toMillis(), limit);
    }

    public Map<String, TriggerStats> triggerStats(List<String> processIds) {
        return store.triggerStats(processIds, null);
    }

    /** Like {@link #triggerStats(List)}, counting only the tasks of one target. */
    public Map<String, TriggerStats> triggerStats(List<String> processIds, ProfilingTarget target) {
        return store.triggerStats(processIds, target);
    }

    public TriggerRefusals refusals(String serviceName) {
        return store.refusals(serviceName);
    }
}

package io.groundstation.task;

import io.groundstation.policy.Policy;
import io.groundstation.policy.UriFilterVariants;
import io.groundstation.registry.Ids;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Profiling tasks and trigger governance, which OAP lacks: a report for a process and target that already has a
 * running task returns that task (Rover reports again every 5 s while it cannot run a task); a service may run at
 * most {@code maxConcurrentPerService} triggered tasks at once.
 */
public final class TaskService {

    private final TaskStore store;
    private final Function<String, Optional<Policy>> currentPolicy;
    private final int maxConcurrentPerService;
    private final Clock clock;

    public TaskService(TaskStore store, Function<String, Optional<Policy>> currentPolicy, int maxConcurrentPerService,
                       Clock clock) {
        this.store = store;
        this.currentPolicy = currentPolicy;
        this.maxConcurrentPerService = maxConcurrentPerService;
        this.clock = clock;
    }

    /** The id of the task that profiles this trigger: a new one, or the one already running for it. */
    public String trigger(TriggerReport report) {
        long now = clock.millis();
        String processId = Ids.processId(report.serviceName(), report.instanceName(), report.processName());
        Optional<String> running = store.activeTrigger(processId, report.target(), now);
        if (running.isPresent()) {
            store.countRepeat(running.get());
            return running.get();
        }
        if (store.countRunningTriggered(report.serviceName(), now) >= maxConcurrentPerService) {
            store.recordRefusal(report.serviceName(), now);
            throw new TriggerRefused("service " + report.serviceName() + " already runs " + maxConcurrentPerService
                    + " triggered tasks (task.max-concurrent-per-service)");
        }
        List<Cause> causes = report.causes().stream().map(c -> withPolicyRegex(report.serviceName(), c)).toList();
        List<String> regexes = report.samplingUriRegexes().stream()
                .map(r -> policyRegex(report.serviceName(), r)).toList();
        ProfilingTask task = new ProfilingTask(UUID.randomUUID().toString(), TriggerType.CONTINUOUS_PROFILING,
                report.target(), report.serviceName(), report.instanceName(), report.processName(),
                List.of(processId), now, report.durationSeconds(), now, now, causes, CauseMessage.of(causes),
                regexes, 0, null);
        String owner = store.claimAndCreate(task, now);
        if (!owner.equals(task.id())) {
            store.countRepeat(owner);
        }
        return owner;
    }

    /** Agents send back the variant spelling of a regex (protocol.md §4); store the policy's own. */
    private Cause withPolicyRegex(String serviceName, Cause cause) {
        return cause.uriRegex() == null ? cause : new Cause(cause.checker(), cause.threshold(), cause.current(),
                cause.uriPath(), policyRegex(serviceName, cause.uriRegex()));
    }

    private String policyRegex(String serviceName, String regex) {
        return currentPolicy.apply(serviceName).map(p -> UriFilterVariants.baseRegex(p, regex)).orElse(regex);
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

    public java.util.Map<String, TriggerStats> triggerStats(List<String> processIds) {
        return store.triggerStats(processIds);
    }

    public TriggerRefusals refusals(String serviceName) {
        return store.refusals(serviceName);
    }
}

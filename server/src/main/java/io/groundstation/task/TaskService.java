package io.groundstation.task;

import io.groundstation.cache.RefreshingSnapshot;
import io.groundstation.policy.Policy;
import io.groundstation.policy.UriFilterVariants;
import io.groundstation.policy.ProfilingTarget;
import io.groundstation.registry.Ids;
import io.groundstation.registry.ProcessQuery;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.registry.ProcessState;
import io.groundstation.registry.RegisteredProcess;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Profiling tasks and trigger governance, which OAP lacks: a report for a process and target that already has a
 * running task returns that task (Rover reports again every 5 s while it cannot run a task); a service may run at
 * most {@code maxConcurrentPerService} triggered tasks at once.
 */
public final class TaskService {

    /** The longest fixed-time task a person may start; the agent's own default is 10 minutes. */
    public static final int MAX_FIXED_SECONDS = 3600;
    /** How long a NETWORK request runs past its latest keep-alive (OAP's keepEBPFNetworkProfiling). */
    public static final int NETWORK_KEEP_SECONDS = 600;
    /** The longest triggered task an agent may report; Rover's own default is 10 minutes. */
    public static final int MAX_TRIGGERED_SECONDS = 86_400;

    /** Tasks deleted per transaction by the purge: short transactions, so uploads and triggers barely wait. */
    private static final int PURGE_BATCH = 500;
    private static final int MAX_TASK_PROCESSES = 1000;
    /** How many NETWORK tasks of one instance a process topology reads at most; a day of 10-minute tasks is 144. */
    static final int MAX_INSTANCE_NETWORK_TASKS = 1000;
    /** NETWORK results reach us up to this long after their task ended (agents' flush delays, clock skew). */
    private static final long NETWORK_LOOKBACK_MILLIS = 600_000;

    private final TaskStore store;
    /**
     * The fixed-time tasks agents may still need to hear about: every agent polls every 10 s and almost always
     * there is nothing for it, which this answers without touching the database.
     */
    private final RefreshingSnapshot<List<ProfilingTask>> live;
    /** The recent NETWORK tasks that network results are attributed to. */
    private final RefreshingSnapshot<List<ProfilingTask>> recentNetwork;
    private final ProcessRegistry registry;
    private final Function<String, Optional<Policy>> currentPolicy;
    private final int maxConcurrentPerService;
    private final int maxRunning;
    private final Clock clock;

    public TaskService(TaskStore store, ProcessRegistry registry, Function<String, Optional<Policy>> currentPolicy,
                       int maxConcurrentPerService, int maxRunning, java.time.Duration refresh, Clock clock) {
        this.maxRunning = maxRunning;
        this.live = new RefreshingSnapshot<>((now, previous) -> List.copyOf(store.liveFixedTimeTasks(now)),
                refresh.toMillis(), clock);
        this.recentNetwork = new RefreshingSnapshot<>((now, previous) -> List.copyOf(store.endingAfter(
                ProfilingTarget.NETWORK, now - NETWORK_LOOKBACK_MILLIS)), refresh.toMillis(), clock);
        this.store = store;
        this.registry = registry;
        this.currentPolicy = currentPolicy;
        this.maxConcurrentPerService = maxConcurrentPerService;
        this.clock = clock;
    }

    /**
     * Deletes the tasks that ended longer than {@code retention} ago, a batch at a time; {@code deleteData}
     * deletes a batch's uploaded data first, so a purge cut short leaves tasks to find again, never data without
     * its task. Returns how many tasks went.
     */
    public int purgeEndedBefore(java.time.Duration retention, Consumer<List<String>> deleteData) {
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

    /** Throws {@link TaskLimitReached} unless {@code more} tasks fit under task.max-running. */
    private void checkRoomForTasks(int more, long now) {
        long running = store.countRunning(now);
        if (running + more > maxRunning) {
            throw new TaskLimitReached(running + " tasks are running; " + more + " more would pass task.max-running ("
                    + maxRunning + ")");
        }
    }

    /** Throws {@link TaskLimitReached}, recording the refusal, unless the service may start one more trigger. */
    private void checkRoomForTrigger(String serviceName, long now) {
        try {
            if (store.countRunningTriggered(serviceName, now) >= maxConcurrentPerService) {
                throw new TaskLimitReached("service " + serviceName + " already runs " + maxConcurrentPerService
                        + " triggered tasks (task.max-concurrent-per-service)");
            }
            checkRoomForTasks(1, now);
        } catch (TaskLimitReached e) {
            store.recordRefusal(serviceName, now);
            throw e;
        }
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
        checkRoomForTrigger(report.serviceName(), now);
        List<Cause> causes = report.causes().stream().map(c -> withPolicyRegex(report.serviceName(), c)).toList();
        List<String> regexes = report.samplingUriRegexes().stream()
                .map(r -> policyRegex(report.serviceName(), r)).toList();
        String id = UUID.randomUUID().toString();
        ProfilingTask task = new ProfilingTask(id, TriggerType.CONTINUOUS_PROFILING,
                report.target(), report.serviceName(), report.instanceName(), report.processName(),
                List.of(processId), now, report.durationSeconds(), now, now, causes, CauseMessage.of(causes),
                regexes, 0, null, null, id, List.of());
        String owner = store.claimAndCreate(task, now);
        if (task.target() == ProfilingTarget.NETWORK) {
            recentNetwork.invalidate();
        }
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

    /**
     * Starts a fixed-time task on the chosen processes: only alive ones whose agent can profile them with eBPF.
     * On-CPU and off-CPU make one task per process (the agent takes one process per task); NETWORK makes one task
     * for all processes of the instance.
     */
    public List<ProfilingTask> startFixedTime(FixedTimeRequest request) {
        long now = clock.millis();
        List<String> problems = new ArrayList<>();
        if (request.serviceName() == null || request.serviceName().isBlank()) {
            problems.add("service: required");
        }
        if (request.target() == null) {
            problems.add("target: required, one of ON_CPU, OFF_CPU, NETWORK");
        }
        if (request.durationSeconds() < 1 || request.durationSeconds() > MAX_FIXED_SECONDS) {
            problems.add("durationSeconds: must be in 1.." + MAX_FIXED_SECONDS);
        }
        long start = request.startTime() == null ? now : request.startTime();
        if (start + request.durationSeconds() * 1000L <= now) {
            problems.add("startTime: the task would already be over");
        }
        if (!problems.isEmpty()) {
            throw new TaskRequestProblems(problems);
        }
        List<RegisteredProcess> chosen = request.target() == ProfilingTarget.NETWORK
                ? networkProcesses(request, problems) : cpuProcesses(request, problems);
        if (!problems.isEmpty()) {
            throw new TaskRequestProblems(problems);
        }
        String extension = request.target() == ProfilingTarget.NETWORK ? ExtensionConfig.of(request.samplings())
                : null;
        List<ProfilingTask> tasks = new ArrayList<>();
        String requestId = UUID.randomUUID().toString();
        if (request.target() == ProfilingTarget.NETWORK) {
            tasks.add(fixedTask(request, requestId, request.instanceName(), null, chosen.stream()
                    .map(RegisteredProcess::id).toList(), start, now, extension));
        } else {
            for (RegisteredProcess process : chosen) {
                tasks.add(fixedTask(request, requestId, process.entity().instanceName(),
                        process.entity().processName(), List.of(process.id()), start, now, null));
            }
        }
        checkRoomForTasks(tasks.size(), now);
        List<ProfilingTask> created = store.createFixedTime(tasks, now);
        live.invalidate();
        recentNetwork.invalidate();
        return created;
    }

    private ProfilingTask fixedTask(FixedTimeRequest request, String requestId, String instance, String process,
                                    List<String> processIds, long start, long now, String extension) {
        return new ProfilingTask(UUID.randomUUID().toString(), TriggerType.FIXED_TIME, request.target(),
                request.serviceName(), instance, process, processIds, start, request.durationSeconds(), now, now,
                List.of(), "started on demand", List.of(), 0, null, extension, requestId, request.labels());
    }

    private List<RegisteredProcess> cpuProcesses(FixedTimeRequest request, List<String> problems) {
        boolean wholeService = request.wholeService() && request.processIds().isEmpty()
                && request.labels().isEmpty();
        if (!wholeService && request.processIds().isEmpty() == request.labels().isEmpty()) {
            problems.add("processIds or labels: give exactly one of them");
            return List.of();
        }
        if (!request.samplings().isEmpty()) {
            problems.add("samplings: only NETWORK tasks take sampling rules");
        }
        List<RegisteredProcess> alive = profilable(request.serviceName(), null);
        List<RegisteredProcess> chosen = request.processIds().isEmpty()
                ? alive.stream().filter(p -> p.entity().carriesAll(request.labels())).toList()
                : alive.stream().filter(p -> request.processIds().contains(p.id())).toList();
        if (!request.processIds().isEmpty()) {
            request.processIds().stream().filter(id -> chosen.stream().noneMatch(p -> p.id().equals(id)))
                    .forEach(id -> problems.add("processIds: " + id + " is not an alive process of service "
                            + request.serviceName() + " that supports eBPF profiling"));
        } else if (chosen.isEmpty()) {
            problems.add(wholeService ? "service: " + request.serviceName() + " has no alive process with eBPF"
                    + " support" : "labels: no alive process of service " + request.serviceName()
                    + " with eBPF support carries " + request.labels());
        }
        return chosen;
    }

    private List<RegisteredProcess> networkProcesses(FixedTimeRequest request, List<String> problems) {
        if (request.instanceName() == null || request.instanceName().isBlank()) {
            problems.add("instance: NETWORK tasks profile one instance; name it");
            return List.of();
        }
        if (!request.processIds().isEmpty() || !request.labels().isEmpty()) {
            problems.add("processIds, labels: a NETWORK task takes every process of its instance");
        }
        List<RegisteredProcess> chosen = profilable(request.serviceName(), request.instanceName());
        if (chosen.isEmpty()) {
            problems.add("instance: " + request.instanceName() + " has no alive process with eBPF support");
        }
        return chosen;
    }

    private List<RegisteredProcess> profilable(String service, String instance) {
        return registry.processes(new ProcessQuery(service, instance, ProcessState.ALIVE, 0, MAX_TASK_PROCESSES))
                .stream().filter(RegisteredProcess::ebpfSupported).toList();
    }

    /** The tasks one request created (one, for a trigger), by process. */
    public List<ProfilingTask> requestTasks(String requestId) {
        return store.findByRequest(requestId);
    }

    /**
     * Keeps a running NETWORK request profiling: it then ends {@link #NETWORK_KEEP_SECONDS} from now, never sooner
     * than it would have. Returns why not when it cannot be kept (no such request, not NETWORK, over).
     */
    public Optional<String> keepNetworkAlive(String requestId) {
        long now = clock.millis();
        List<ProfilingTask> request = store.findByRequest(requestId);
        if (request.isEmpty()) {
            return Optional.of("no task with id " + requestId);
        }
        if (request.stream().anyMatch(t -> t.target() != ProfilingTarget.NETWORK
                || t.trigger() != TriggerType.FIXED_TIME)) {
            return Optional.of("task " + requestId + " is not an on-demand NETWORK task");
        }
        if (request.stream().noneMatch(t -> t.runningAt(now))) {
            return Optional.of("task " + requestId + " is already over");
        }
        for (ProfilingTask task : request) {
            long wanted = (now - task.startTime() + NETWORK_KEEP_SECONDS * 1000L + 999) / 1000;
            if (task.runningAt(now) && wanted > task.durationSeconds()) {
                store.extend(task.id(), (int) Math.min(wanted, Integer.MAX_VALUE), now);
            }
        }
        live.invalidate();
        recentNetwork.invalidate();
        return Optional.empty();
    }

    /** Ends a running fixed-time task now; agents stop it on their next poll. */
    public Optional<ProfilingTask> stop(String taskId) {
        Optional<ProfilingTask> stopped = store.stop(taskId, clock.millis());
        live.invalidate();
        recentNetwork.invalidate();
        return stopped;
    }

    /** The fixed-time tasks an agent should run: for its own alive processes, updated after what it holds. */
    public List<ProfilingTask> fixedTimeTasksFor(String agentId, long latestUpdateTime) {
        List<ProfilingTask> newer = live.get().stream().filter(t -> t.updateTime() > latestUpdateTime).toList();
        if (newer.isEmpty()) {
            return List.of();
        }
        List<String> own = registry.aliveProcessIdsOf(agentId);
        return newer.stream().filter(task -> own.containsAll(task.processIds())).toList();
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

    /** Tasks policies triggered in each of the last {@code hours} hours, oldest first, the current hour last. */
    public List<TriggerCount<Long>> triggeredPerHour(int hours) {
        long hour = java.time.Duration.ofHours(1).toMillis();
        long first = (clock.millis() / hour - hours + 1) * hour;
        java.util.Map<Long, Long> counted = new java.util.HashMap<>();
        store.triggeredPerHour(first).forEach(c -> counted.put(c.key(), c.tasks()));
        List<TriggerCount<Long>> perHour = new java.util.ArrayList<>();
        for (long start = first; perHour.size() < hours; start += hour) {
            perHour.add(new TriggerCount<>(start, counted.getOrDefault(start, 0L)));
        }
        return perHour;
    }

    /** The services whose policies triggered the most tasks in the last {@code hours} hours. */
    public List<TriggerCount<String>> mostTriggered(int hours, int limit) {
        return store.mostTriggered(clock.millis() - java.time.Duration.ofHours(hours).toMillis(), limit);
    }

    public java.util.Map<String, TriggerStats> triggerStats(List<String> processIds) {
        return store.triggerStats(processIds, null);
    }

    /** Like {@link #triggerStats(List)}, counting only the tasks of one target. */
    public java.util.Map<String, TriggerStats> triggerStats(List<String> processIds, ProfilingTarget target) {
        return store.triggerStats(processIds, target);
    }

    public TriggerRefusals refusals(String serviceName) {
        return store.refusals(serviceName);
    }
}

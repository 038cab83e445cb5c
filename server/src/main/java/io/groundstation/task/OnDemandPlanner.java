package io.groundstation.task;

import io.groundstation.cache.RefreshingSnapshot;
import io.groundstation.registry.AliveProcesses;
import io.groundstation.registry.RegisteredProcess;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * On-demand profiling: plans a person's fixed-time or NETWORK request into tasks on the processes that can run
 * them, keeps NETWORK requests alive, stops tasks, and tells each polling agent which of them it should run.
 */
public final class OnDemandPlanner {

    /** The longest fixed-time task a person may start; the agent's own default is 10 minutes. */
    public static final int MAX_FIXED_SECONDS = 3600;
    /** How long a NETWORK request runs past its latest keep-alive (OAP's keepEBPFNetworkProfiling). */
    public static final int NETWORK_KEEP_SECONDS = 600;

    private static final int MAX_TASK_PROCESSES = 1000;

    private final TaskStore store;
    private final Tasks tasks;
    /**
     * The fixed-time tasks agents may still need to hear about: every agent polls every 10 s and almost always
     * there is nothing for it, which this answers without touching the database.
     */
    private final RefreshingSnapshot<List<ProfilingTask>> live;
    private final AliveProcesses registry;
    private final Clock clock;

    public OnDemandPlanner(TaskStore store, Tasks tasks, AliveProcesses registry, Duration refresh, Clock clock) {
        this.store = store;
        this.tasks = tasks;
        this.live = new RefreshingSnapshot<>((now, previous) -> List.copyOf(store.liveFixedTimeTasks(now)),
                refresh.toMillis(), clock);
        this.registry = registry;
        this.clock = clock;
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
        List<ProfilingTask> planned = new ArrayList<>();
        String requestId = UUID.randomUUID().toString();
        if (request.target() == ProfilingTarget.NETWORK) {
            planned.add(fixedTask(request, requestId, request.instanceName(), null, chosen.stream()
                    .map(RegisteredProcess::id).toList(), start, now, extension));
        } else {
            for (RegisteredProcess process : chosen) {
                planned.add(fixedTask(request, requestId, process.entity().instanceName(),
                        process.entity().processName(), List.of(process.id()), start, now, null));
            }
        }
        tasks.checkRoomFor(planned.size(), now);
        List<ProfilingTask> created = store.createFixedTime(planned, now);
        changed();
        return created;
    }

    private static ProfilingTask fixedTask(FixedTimeRequest request, String requestId, String instance,
                                           String process, List<String> processIds, long start, long now,
                                           String extension) {
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
        return registry.aliveProcesses(service, instance, MAX_TASK_PROCESSES).stream()
                .filter(RegisteredProcess::ebpfSupported).toList();
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
        changed();
        return Optional.empty();
    }

    /** Ends a running fixed-time task now; agents stop it on their next poll. */
    public Optional<ProfilingTask> stop(String taskId) {
        Optional<ProfilingTask> stopped = store.stop(taskId, clock.millis());
        changed();
        return stopped;
    }

    private void changed() {
        live.invalidate();
        tasks.networkTasksChanged();
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
}

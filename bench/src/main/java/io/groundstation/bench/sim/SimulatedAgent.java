package io.groundstation.bench.sim;

import io.groundstation.bench.reply.FixedTimeTask;
import io.groundstation.bench.reply.Misread;
import io.groundstation.bench.reply.PolicyCache;
import io.groundstation.bench.reply.PolicyPayload;
import io.groundstation.bench.reply.ProcessAcks;
import io.groundstation.bench.reply.TaskGrant;
import io.groundstation.bench.reply.TaskQueryResult;
import io.groundstation.bench.report.FleetEvent;
import io.groundstation.bench.report.RpcMethod;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessProperties;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingPolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServicePolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingData;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingTaskQuery;

/**
 * One Rover agent on one node (protocol.md §3–§6). It never blocks: every RPC is async and its reply comes back on a
 * shared callback thread. All state is guarded by the agent's monitor. A loop whose previous round still waits for a
 * reply skips its tick, as Rover's tickers drop ticks while a round runs.
 */
final class SimulatedAgent {

    private final NodeInventory node;
    private final AgentStubs stubs;
    private final AgentContext ctx;
    private final SplittableRandom random;
    private final boolean triggersEarly;
    private Life life;

    /** One run of the agent process: a restart throws all of it away, as a new Rover process starts from nothing. */
    private final class Life {
        final String agentId = UUID.randomUUID().toString();
        final int heartbeatPhase;
        final int pollPhase;
        final Map<SimulatedProcess, String> registered = new LinkedHashMap<>();
        /** processes a reply left out: Rover never reports them again */
        final Set<SimulatedProcess> ignored = new HashSet<>();
        final Set<String> givenProcessIds = new HashSet<>();
        final PolicyCache policies = new PolicyCache();
        final List<RunningTask> tasks = new ArrayList<>();
        final List<RunningNetworkTask> networkTasks = new ArrayList<>();
        boolean networkTimer;
        int networkCallsOpen;
        final Map<TriggerKey, Long> cooldownUntil = new HashMap<>();
        long nextTickNanos;
        long ticks;
        int heartbeats;
        long latestTaskUpdateTime;
        boolean triggerPending = triggersEarly;
        TriggerKey repeating;
        int repeatsLeft;
        boolean heartbeatBusy;
        boolean pollBusy;
        boolean checkBusy;
        boolean uploadBusy;

        Life(boolean bootedLongAgo) {
            // a fleet found running is spread over the intervals; a restarted agent starts its timers now
            heartbeatPhase = bootedLongAgo ? random.nextInt(FleetTiming.TICKS_PER_HEARTBEAT) : 0;
            pollPhase = bootedLongAgo ? random.nextInt(FleetTiming.TICKS_PER_POLL) : 0;
        }
    }

    private record TriggerKey(SimulatedProcess process, ProfilingTarget target) {
    }

    /** {@code random} is the agent's own: it has already drawn the node, and now draws whether it triggers early. */
    SimulatedAgent(NodeInventory node, AgentStubs stubs, AgentContext ctx, SplittableRandom random) {
        this.node = node;
        this.stubs = stubs;
        this.ctx = ctx;
        this.random = random;
        this.triggersEarly = random.nextDouble() < ctx.profilingShare();
    }

    /** Starts the agent as if it had been running for a while, its first tick after a random part of one tick. */
    synchronized void join() {
        life = new Life(true);
        scheduleTick(life, (long) (random.nextDouble() * ctx.timing().tickNanos()));
    }

    /** A new agent process: new id, nothing registered, every process reported again at the first heartbeat. */
    synchronized void restart() {
        ctx.metrics().count(FleetEvent.AGENT_RESTARTS, 1);
        stubs.reconnectIfOwned();
        life = new Life(false);
        scheduleTick(life, ctx.timing().tickNanos());
    }

    private void scheduleTick(Life l, long delayNanos) {
        l.nextTickNanos = System.nanoTime() + delayNanos;
        try {
            ctx.scheduler().schedule(() -> tick(l), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // the run is over
        }
    }

    private synchronized void tick(Life l) {
        if (l != life || ctx.isStopped()) {
            return;
        }
        l.ticks++;
        scheduleTick(l, Math.max(0, l.nextTickNanos + ctx.timing().tickNanos() - System.nanoTime()));
        if (random.nextDouble() < ctx.timing().restartChancePerTick()) {
            restart();
            return;
        }
        if ((l.ticks + l.heartbeatPhase) % FleetTiming.TICKS_PER_HEARTBEAT == 0) {
            heartbeat(l);
        }
        if ((l.ticks + l.pollPhase) % FleetTiming.TICKS_PER_POLL == 0) {
            poll(l);
        }
        check(l);
        upload(l);
    }

    // ---- heartbeat: reportProcesses with the new processes, then keepAlive; every 10th round a full report instead

    private void heartbeat(Life l) {
        if (l.heartbeatBusy) {
            ctx.metrics().count(FleetEvent.SKIPPED_TICKS, 1);
            return;
        }
        l.heartbeats++;
        forgetGone(l, node.churn(ctx.churn(), random));
        boolean full = l.heartbeats % FleetTiming.HEARTBEATS_PER_FULL_REPORT == 0;
        List<SimulatedProcess> toReport = new ArrayList<>();
        for (SimulatedProcess process : node.processes()) {
            if (!l.ignored.contains(process) && (full || !l.registered.containsKey(process))) {
                toReport.add(process);
            }
        }
        l.heartbeatBusy = true;
        if (toReport.isEmpty()) {
            afterReport(l, full);
            return;
        }
        List<EBPFProcessProperties> sent = toReport.stream().map(SimulatedProcess::report).toList();
        EBPFProcessReportList request = EBPFProcessReportList.newBuilder()
                .setEbpfAgentID(l.agentId)
                .addAllProcesses(sent)
                .build();
        stubs.processes.reportProcesses(request, TimedCall.start(ctx.metrics(), RpcMethod.REPORT_PROCESSES,
                reply -> onProcessesAcknowledged(l, toReport, ctx.reader().readReportProcesses(sent, reply), full),
                () -> onLife(l, () -> afterReport(l, full))));
    }

    private void forgetGone(Life l, List<SimulatedProcess> gone) {
        for (SimulatedProcess process : gone) {
            String processId = l.registered.remove(process);
            l.ignored.remove(process);
            l.tasks.removeIf(task -> task.processId().equals(processId));
            l.networkTasks.replaceAll(task -> new RunningNetworkTask(task.taskId(), without(task.processes(), process),
                    task.endNanos()));
        }
        l.networkTasks.removeIf(task -> task.processes().isEmpty());
    }

    private static Map<SimulatedProcess, String> without(Map<SimulatedProcess, String> processes,
                                                         SimulatedProcess gone) {
        Map<SimulatedProcess, String> rest = new HashMap<>(processes);
        rest.remove(gone);
        return rest;
    }

    private synchronized void onProcessesAcknowledged(Life l, List<SimulatedProcess> reported, ProcessAcks acks,
                                                      boolean full) {
        if (l != life) {
            return;
        }
        acks.misreads().forEach(ctx.metrics()::misread);
        long registrations = 0;
        long pings = 0;
        for (int i = 0; i < reported.size(); i++) {
            SimulatedProcess process = reported.get(i);
            String processId = acks.processIdAt(i);
            if (processId == null) {
                l.registered.remove(process);
                l.ignored.add(process);
            } else if (l.registered.put(process, processId) == null) {
                l.givenProcessIds.add(processId);
                registrations++;
            } else {
                l.givenProcessIds.add(processId);
                pings++;
            }
        }
        ctx.metrics().count(FleetEvent.REGISTRATIONS, registrations);
        ctx.metrics().count(FleetEvent.PINGS, pings);
        afterReport(l, full);
    }

    private void afterReport(Life l, boolean full) {
        if (full || l.registered.isEmpty() || ctx.isStopped()) {
            l.heartbeatBusy = false;
            return;
        }
        EBPFProcessPingPkgList.Builder request = EBPFProcessPingPkgList.newBuilder().setEbpfAgentID(l.agentId);
        l.registered.keySet().forEach(process -> request.addProcesses(process.ping()));
        int pings = request.getProcessesCount();
        stubs.processes.keepAlive(request.build(), TimedCall.start(ctx.metrics(), RpcMethod.KEEP_ALIVE,
                reply -> {
                    ctx.metrics().count(FleetEvent.PINGS, pings);
                    onLife(l, () -> l.heartbeatBusy = false);
                },
                () -> onLife(l, () -> l.heartbeatBusy = false)));
    }

    // ---- poll: queryTasks, then queryPolicies once anything is registered

    private void poll(Life l) {
        if (l.pollBusy) {
            ctx.metrics().count(FleetEvent.SKIPPED_TICKS, 1);
            return;
        }
        l.pollBusy = true;
        EBPFProfilingTaskQuery request = EBPFProfilingTaskQuery.newBuilder()
                .setRoverInstanceId(l.agentId)
                .setLatestUpdateTime(l.latestTaskUpdateTime)
                .build();
        stubs.profiling.queryTasks(request, TimedCall.start(ctx.metrics(), RpcMethod.QUERY_TASKS,
                reply -> onLife(l, () -> {
                    acceptTasks(l, ctx.reader().readQueryTasks(reply, l.givenProcessIds::contains));
                    queryPolicies(l);
                }),
                () -> onLife(l, () -> queryPolicies(l))));
    }

    private void acceptTasks(Life l, TaskQueryResult result) {
        result.misreads().forEach(ctx.metrics()::misread);
        long nowMillis = System.currentTimeMillis();
        for (FixedTimeTask task : result.accepted()) {
            l.latestTaskUpdateTime = Math.max(l.latestTaskUpdateTime, task.updateTime());
            boolean known = l.tasks.stream().anyMatch(running -> running.taskId().equals(task.taskId()));
            SimulatedProcess process = processWithId(l, task.processIds().get(0));
            long endNanos = System.nanoTime() + (task.endTimeMillis() - nowMillis) * 1_000_000;
            if ("NETWORK".equals(task.targetType()) && !known && task.endTimeMillis() > nowMillis) {
                if (startNetworkTask(l, task.taskId(), l.registered.entrySet().stream()
                        .filter(e -> task.processIds().contains(e.getValue())), endNanos)) {
                    ctx.metrics().count(FleetEvent.TASKS_STARTED, 1);
                }
                continue;
            }
            if (known || process == null || "NETWORK".equals(task.targetType()) || task.endTimeMillis() <= nowMillis) {
                continue;
            }
            l.tasks.add(new RunningTask(task.taskId(), task.processIds().get(0), process.workload(),
                    "ON_CPU".equals(task.targetType()), task.startTimeMillis(), endNanos));
            ctx.metrics().count(FleetEvent.TASKS_STARTED, 1);
        }
    }

    private static SimulatedProcess processWithId(Life l, String processId) {
        for (Map.Entry<SimulatedProcess, String> entry : l.registered.entrySet()) {
            if (entry.getValue().equals(processId)) {
                return entry.getKey();
            }
        }
        return null;
    }

    private void queryPolicies(Life l) {
        if (l.registered.isEmpty() || ctx.isStopped()) {
            l.pollBusy = false;
            return;
        }
        Map<String, Set<String>> processesByService = new TreeMap<>();
        l.registered.forEach((process, processId) ->
                processesByService.computeIfAbsent(process.serviceName(), s -> new HashSet<>()).add(processId));
        ContinuousProfilingPolicyQuery.Builder request = ContinuousProfilingPolicyQuery.newBuilder();
        processesByService.keySet().forEach(service -> request.addPolicies(
                ContinuousProfilingServicePolicyQuery.newBuilder()
                        .setServiceName(service)
                        .setUuid(l.policies.heldUuid(service))));
        stubs.continuous.queryPolicies(request.build(), TimedCall.start(ctx.metrics(), RpcMethod.QUERY_POLICIES,
                reply -> onLife(l, () -> applyPolicies(l, reply, processesByService)),
                () -> onLife(l, () -> l.pollBusy = false)));
    }

    private void applyPolicies(Life l, Commands reply, Map<String, Set<String>> processesByService) {
        PolicyPayload payload = ctx.reader().readQueryPolicies(reply);
        List<Misread> misreads = new ArrayList<>(payload.misreads());
        if (!payload.services().isEmpty()) {
            PolicyCache.Applied applied = l.policies.apply(payload.services(), processesByService,
                    System.currentTimeMillis());
            misreads.addAll(applied.misreads());
            switch (applied.resync()) {
                case NEEDED -> ctx.metrics().count(FleetEvent.NEEDED_RESYNCS, 1);
                case UNNEEDED -> ctx.metrics().count(FleetEvent.UNNEEDED_RESYNCS, 1);
                case NONE -> { }
            }
        }
        misreads.forEach(ctx.metrics()::misread);
        l.pollBusy = false;
        crashIfFatal(misreads);
    }

    // ---- continuous check: a policy item fires, the agent reports it and runs the task it is granted

    private void check(Life l) {
        if (l.registered.isEmpty()) {
            return;
        }
        if (l.checkBusy) {
            ctx.metrics().count(FleetEvent.SKIPPED_TICKS, 1);
            return;
        }
        TriggerKey trigger = nextTrigger(l);
        if (trigger == null) {
            return;
        }
        l.checkBusy = true;
        stubs.continuous.reportProfilingTask(
                TriggerReports.build(trigger.process(), trigger.target(), ctx.timing().taskDurationSeconds(), random),
                TimedCall.start(ctx.metrics(), RpcMethod.REPORT_PROFILING_TASK,
                        reply -> onLife(l, () -> onGrant(l, trigger, ctx.reader().readReportProfilingTask(reply))),
                        () -> onLife(l, () -> l.checkBusy = false)));
    }

    private TriggerKey nextTrigger(Life l) {
        // Rover reports a task it cannot run again at every check while the threshold holds
        if (l.repeating != null && l.repeatsLeft-- > 0 && l.registered.containsKey(l.repeating.process())) {
            return l.repeating;
        }
        l.repeating = null;
        if (!l.triggerPending && random.nextDouble() >= ctx.triggerChance()) {
            return null;
        }
        l.triggerPending = false;
        List<SimulatedProcess> candidates = new ArrayList<>(l.registered.keySet());
        SimulatedProcess process = candidates.get(random.nextInt(candidates.size()));
        int roll = random.nextInt(20);
        ProfilingTarget target = roll < 12 ? ProfilingTarget.ON_CPU
                : roll < 17 ? ProfilingTarget.OFF_CPU : ProfilingTarget.NETWORK;
        TriggerKey key = new TriggerKey(process, target);
        Long cooldown = l.cooldownUntil.get(key);
        return cooldown != null && cooldown - System.nanoTime() > 0 ? null : key;
    }

    private void onGrant(Life l, TriggerKey trigger, TaskGrant grant) {
        l.checkBusy = false;
        if (!grant.isGranted()) {
            ctx.metrics().misread(grant.misread());
            crashIfFatal(List.of(grant.misread()));
            return;
        }
        String processId = l.registered.get(trigger.process());
        if (processId == null || !trigger.process().canRun(trigger.target())) {
            if (!trigger.equals(l.repeating)) {
                l.repeating = trigger;
                l.repeatsLeft = 1 + random.nextInt(4);
            }
            return;
        }
        long now = System.nanoTime();
        l.repeating = null;
        l.cooldownUntil.put(trigger, now + ctx.timing().cooldownNanos());
        ctx.metrics().count(FleetEvent.TASKS_STARTED, 1);
        if (trigger.target() == ProfilingTarget.NETWORK) {
            // Rover profiles the network of the whole instance
            String instance = trigger.process().entity().getInstanceName();
            startNetworkTask(l, grant.taskId(), l.registered.entrySet().stream().filter(e ->
                    e.getKey().serviceName().equals(trigger.process().serviceName())
                            && e.getKey().entity().getInstanceName().equals(instance)), now + ctx.timing().taskNanos());
        } else {
            l.tasks.add(new RunningTask(grant.taskId(), processId, trigger.process().workload(),
                    trigger.target() == ProfilingTarget.ON_CPU, System.currentTimeMillis(),
                    now + ctx.timing().taskNanos()));
        }
    }

    // ---- upload: one collectProfilingData stream per tick while any task runs, possibly with no message

    private void upload(Life l) {
        long now = System.nanoTime();
        l.tasks.removeIf(task -> task.endNanos() - now <= 0);
        if (l.tasks.isEmpty()) {
            return;
        }
        if (l.uploadBusy) {
            ctx.metrics().count(FleetEvent.SKIPPED_TICKS, 1);
            return;
        }
        List<EBPFProfilingData> messages = ctx.uploads().stream(l.tasks, random);
        ctx.metrics().count(FleetEvent.PROFILING_MESSAGES, messages.size());
        if (messages.isEmpty()) {
            ctx.metrics().count(FleetEvent.EMPTY_UPLOAD_STREAMS, 1);
        }
        l.uploadBusy = true;
        Consumer<Commands> done = reply -> onLife(l, () -> l.uploadBusy = false);
        StreamObserver<EBPFProfilingData> stream = stubs.profiling.collectProfilingData(TimedCall.start(
                ctx.metrics(), RpcMethod.COLLECT_PROFILING_DATA, done, () -> done.accept(null)));
        messages.forEach(stream::onNext);
        stream.onCompleted();
    }

    // ---- NETWORK tasks: every 2 s, one meter stream, one log stream per service, one span-event stream

    /** Whether the task is new and has processes here, so that it starts. */
    private boolean startNetworkTask(Life l, String taskId,
                                     java.util.stream.Stream<Map.Entry<SimulatedProcess, String>> processes,
                                     long endNanos) {
        if (l.networkTasks.stream().anyMatch(task -> task.taskId().equals(taskId))) {
            return false;
        }
        Map<SimulatedProcess, String> chosen = new LinkedHashMap<>();
        processes.forEach(e -> chosen.put(e.getKey(), e.getValue()));
        if (chosen.isEmpty()) {
            return false;
        }
        l.networkTasks.add(new RunningNetworkTask(taskId, chosen, endNanos));
        if (!l.networkTimer) {
            l.networkTimer = true;
            scheduleNetworkFlush(l);
        }
        return true;
    }

    private void scheduleNetworkFlush(Life l) {
        try {
            ctx.scheduler().schedule(() -> networkFlush(l), ctx.timing().networkFlushNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // the run is over
        }
    }

    private synchronized void networkFlush(Life l) {
        if (l != life || ctx.isStopped()) {
            return;
        }
        long now = System.nanoTime();
        l.networkTasks.removeIf(task -> task.endNanos() - now <= 0);
        if (l.networkTasks.isEmpty()) {
            l.networkTimer = false;
            return;
        }
        scheduleNetworkFlush(l);
        if (l.networkCallsOpen > 0) {
            ctx.metrics().count(FleetEvent.SKIPPED_TICKS, 1);
            return;
        }
        NetworkFlushBuilder.Flush flush = ctx.network().flush(l.networkTasks, random);
        ctx.metrics().count(FleetEvent.NETWORK_FLUSHES, 1);
        boolean events = !flush.events().isEmpty();
        l.networkCallsOpen = 1 + flush.logStreams().size() + (events ? 1 : 0);
        Runnable closed = () -> onLife(l, () -> l.networkCallsOpen--);
        send(stubs.meters::collectBatch, RpcMethod.COLLECT_NETWORK_METERS, flush.meters(), closed);
        flush.logStreams().forEach(stream -> send(stubs.logs::collect, RpcMethod.COLLECT_SAMPLED_TRACES, stream,
                closed));
        if (events) {
            send(stubs.spanEvents::collect, RpcMethod.COLLECT_SPAN_EVENTS, flush.events(), closed);
        }
    }

    private <T> void send(java.util.function.Function<StreamObserver<Commands>, StreamObserver<T>> open,
                          RpcMethod method, List<T> messages, Runnable closed) {
        StreamObserver<T> stream = open.apply(TimedCall.start(ctx.metrics(), method, reply -> closed.run(), closed));
        messages.forEach(stream::onNext);
        stream.onCompleted();
    }

    // ----

    /** Runs a reply's effect only if the agent has not restarted since the call went out. */
    private synchronized void onLife(Life l, Runnable effect) {
        if (l == life) {
            effect.run();
        }
    }

    private void crashIfFatal(List<Misread> misreads) {
        if (misreads.stream().anyMatch(m -> m.kind().crashesAgent())) {
            ctx.metrics().count(FleetEvent.AGENT_CRASHES, 1);
            restart();
        }
    }
}

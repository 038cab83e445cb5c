package io.groundstation.task;

import io.groundstation.registry.DetectType;
import io.groundstation.registry.Liveness;
import io.groundstation.registry.ProcessEntity;
import io.groundstation.registry.RegisteredProcess;
import io.groundstation.testing.harness.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The on-demand planners (fixed-time ON_CPU/OFF_CPU and NETWORK) on in-memory ports: which processes a request
 * chooses, what tasks it makes, what it refuses and why, and how stops and keep-alives reach agents.
 */
class OnDemandPlanningTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final int MAX_RUNNING = 5;

    private final MutableClock clock = new MutableClock(T0);
    private final Liveness liveness = new Liveness(Duration.ofMinutes(1), clock);
    private final MemoryProcesses processes = new MemoryProcesses(liveness);
    private final MemoryTaskStore store = new MemoryTaskStore();
    private final Tasks shared = new Tasks(store, MAX_RUNNING, Duration.ofHours(1), clock);
    private final OnDemandPlanner tasks = planner(processes, store, shared);

    /**
     * Processes are alive for a minute after they were last seen; the refresh is far beyond the test, so every read
     * after a change comes from the service's own invalidation.
     */
    private OnDemandPlanner planner(MemoryProcesses seen, MemoryTaskStore made, Tasks read) {
        return new OnDemandPlanner(made, read, seen, Duration.ofHours(1), clock);
    }

    private void process(String id, String agent, String instance, boolean ebpf, long lastSeen, String... labels) {
        processes.put(new RegisteredProcess(id, new ProcessEntity("K8S_SERVICE", "shop", instance, "proc-" + id,
                List.of(labels)), DetectType.KUBERNETES, 1, Map.of(), agent, ebpf, T0 - 60_000, lastSeen, T0));
    }

    private static FixedTimeRequest cpu(List<String> processIds, List<String> labels, boolean wholeService) {
        return new FixedTimeRequest("shop", ProfilingTarget.ON_CPU, processIds, labels, null, null, 60, List.of(),
                wholeService);
    }

    private static FixedTimeRequest network(String instance, int seconds) {
        return new FixedTimeRequest("shop", ProfilingTarget.NETWORK, List.of(), List.of(), instance, null, seconds,
                List.of(), false);
    }

    private static List<String> problems(Runnable request) {
        try {
            request.run();
        } catch (TaskRequestProblems e) {
            return e.problems();
        }
        throw new AssertionError("the request was not refused");
    }

    @Test
    void onCpuByLabelsMakesOneTaskPerAliveProfilableProcessThatCarriesThemAll() {
        process("a", "agent-1", "pod-1", true, T0, "canary", "eu");
        process("b", "agent-1", "pod-2", true, T0, "canary");
        process("c", "agent-2", "pod-3", false, T0, "canary", "eu");
        process("d", "agent-2", "pod-4", true, T0 - 120_000, "canary", "eu");
        process("e", "agent-2", "pod-5", true, T0, "eu", "canary", "extra");

        List<ProfilingTask> made = tasks.startFixedTime(cpu(List.of(), List.of("canary", "eu"), false));

        assertThat(made).extracting(ProfilingTask::processIds).containsExactly(List.of("a"), List.of("e"));
        assertThat(made).extracting(ProfilingTask::processName).containsExactly("proc-a", "proc-e");
        assertThat(made).allSatisfy(task -> {
            assertThat(task.trigger()).isEqualTo(TriggerType.FIXED_TIME);
            assertThat(task.startTime()).isEqualTo(T0);
            assertThat(task.extensionConfig()).isNull();
            assertThat(task.processLabels()).containsExactly("canary", "eu");
        });
        assertThat(made.get(1).updateTime()).as("update times only grow").isGreaterThan(made.get(0).updateTime());
        assertThat(shared.requestTasks(made.get(0).requestId())).hasSize(2);
    }

    @Test
    void theWholeServiceTakesEveryProfilableProcessAndSaysSoWhenThereIsNone() {
        process("a", "agent-1", "pod-1", true, T0);
        process("b", "agent-1", "pod-2", true, T0);

        assertThat(tasks.startFixedTime(cpu(List.of(), List.of(), true))).hasSize(2);

        MemoryTaskStore none = new MemoryTaskStore();
        OnDemandPlanner empty = planner(new MemoryProcesses(liveness), none,
                new Tasks(none, MAX_RUNNING, Duration.ofHours(1), clock));
        assertThat(problems(() -> empty.startFixedTime(cpu(List.of(), List.of(), true))))
                .containsExactly("service: shop has no alive process with eBPF support");
    }

    @Test
    void everyProblemOfARequestIsNamedAtOnce() {
        assertThat(problems(() -> tasks.startFixedTime(new FixedTimeRequest(" ", null, List.of(), List.of(), null,
                T0 - 3_600_000, 0, List.of(), false))))
                .containsExactly("service: required", "target: required, one of ON_CPU, OFF_CPU, NETWORK",
                        "durationSeconds: must be in 1.." + OnDemandPlanner.MAX_FIXED_SECONDS,
                        "startTime: the task would already be over");
    }

    @Test
    void processIdsThatAreNotAliveProfilableProcessesOfTheServiceAreRefusedByName() {
        process("a", "agent-1", "pod-1", true, T0);
        process("dead", "agent-1", "pod-2", true, T0 - 120_000);

        assertThat(problems(() -> tasks.startFixedTime(cpu(List.of("a", "dead"), List.of(), false))))
                .containsExactly("processIds: dead is not an alive process of service shop that supports eBPF"
                        + " profiling");
        assertThat(problems(() -> tasks.startFixedTime(cpu(List.of("a"), List.of("canary"), false))))
                .containsExactly("processIds or labels: give exactly one of them");
        assertThat(store.liveFixedTimeTasks(T0)).as("nothing was made").isEmpty();
    }

    @Test
    void networkMakesOneTaskForEveryProfilableProcessOfTheInstance() {
        process("a", "agent-1", "pod-1", true, T0);
        process("b", "agent-1", "pod-1", true, T0);
        process("c", "agent-1", "pod-1", false, T0);
        process("d", "agent-2", "pod-2", true, T0);

        List<ProfilingTask> made = tasks.startFixedTime(new FixedTimeRequest("shop", ProfilingTarget.NETWORK,
                List.of(), List.of(), "pod-1", null, 60, List.of(new NetworkSampling("/api/.*", 100, false, true,
                true, 1024, false, 0)), false));

        assertThat(made).singleElement().satisfies(task -> {
            assertThat(task.processIds()).containsExactly("a", "b");
            assertThat(task.instanceName()).isEqualTo("pod-1");
            assertThat(task.processName()).isNull();
            assertThat(task.extensionConfig()).startsWith("{\"NetworkSamplings\":[{\"URIRegex\":\"/api/.*\"");
        });
        assertThat(shared.recentNetworkTasks()).extracting(ProfilingTask::id).containsExactly(made.get(0).id());
    }

    @Test
    void networkNeedsAnInstanceAndTakesNoProcessChoice() {
        process("a", "agent-1", "pod-1", true, T0);

        assertThat(problems(() -> tasks.startFixedTime(network(null, 60))))
                .containsExactly("instance: NETWORK tasks profile one instance; name it");
        assertThat(problems(() -> tasks.startFixedTime(new FixedTimeRequest("shop", ProfilingTarget.NETWORK,
                List.of("a"), List.of(), "pod-1", null, 60, List.of(), false))))
                .containsExactly("processIds, labels: a NETWORK task takes every process of its instance");
        assertThat(problems(() -> tasks.startFixedTime(network("pod-9", 60))))
                .containsExactly("instance: pod-9 has no alive process with eBPF support");
        assertThat(problems(() -> tasks.startFixedTime(new FixedTimeRequest("shop", ProfilingTarget.ON_CPU,
                List.of("a"), List.of(), null, null, 60, List.of(new NetworkSampling(null, null, false, false,
                false, 0, false, 0)), false))))
                .containsExactly("samplings: only NETWORK tasks take sampling rules");
    }

    @Test
    void aRequestThatWouldPassTheRunningCapMakesNothing() {
        for (int i = 0; i < MAX_RUNNING + 1; i++) {
            process("p" + i, "agent-1", "pod-" + i, true, T0);
        }

        assertThatThrownBy(() -> tasks.startFixedTime(cpu(List.of(), List.of(), true)))
                .isInstanceOf(TaskLimitReached.class).hasMessageContaining("task.max-running (" + MAX_RUNNING + ")");
        assertThat(store.countRunning(T0)).isZero();
    }

    @Test
    void aKeptAliveNetworkRequestEndsTenMinutesAfterItsLatestKeepAlive() {
        process("a", "agent-1", "pod-1", true, T0);
        ProfilingTask task = tasks.startFixedTime(network("pod-1", 60)).get(0);

        clock.advance(Duration.ofSeconds(30));
        assertThat(tasks.keepNetworkAlive(task.requestId())).isEmpty();

        ProfilingTask kept = shared.task(task.id()).orElseThrow();
        assertThat(kept.endTime()).isEqualTo(clock.millis() + OnDemandPlanner.NETWORK_KEEP_SECONDS * 1000L);
        assertThat(kept.updateTime()).as("agents re-read it").isGreaterThan(task.updateTime());
        assertThat(tasks.fixedTimeTasksFor("agent-1", task.updateTime())).extracting(ProfilingTask::id)
                .containsExactly(task.id());

        clock.advance(Duration.ofSeconds(OnDemandPlanner.NETWORK_KEEP_SECONDS));
        assertThat(tasks.keepNetworkAlive(task.requestId())).contains("task " + task.requestId()
                + " is already over");
    }

    @Test
    void onlyARunningOnDemandNetworkRequestCanBeKeptAlive() {
        process("a", "agent-1", "pod-1", true, T0);
        ProfilingTask onCpu = tasks.startFixedTime(cpu(List.of("a"), List.of(), false)).get(0);

        assertThat(tasks.keepNetworkAlive("nope")).contains("no task with id nope");
        assertThat(tasks.keepNetworkAlive(onCpu.requestId())).contains("task " + onCpu.requestId()
                + " is not an on-demand NETWORK task");
        assertThat(shared.task(onCpu.id()).orElseThrow().durationSeconds()).isEqualTo(60);
    }

    @Test
    void aStoppedTaskReachesItsAgentShortenedSoTheAgentDropsIt() {
        process("a", "agent-1", "pod-1", true, T0);
        ProfilingTask task = tasks.startFixedTime(cpu(List.of("a"), List.of(), false)).get(0);
        clock.advance(Duration.ofMillis(10_500));

        ProfilingTask stopped = tasks.stop(task.id()).orElseThrow();

        assertThat(stopped.stoppedAt()).isEqualTo(clock.millis());
        assertThat(stopped.durationSeconds()).as("rounded up to the second it stopped in").isEqualTo(11);
        assertThat(tasks.fixedTimeTasksFor("agent-1", task.updateTime())).singleElement()
                .satisfies(t -> assertThat(t.runningAt(clock.millis())).isFalse());
        assertThat(tasks.stop(task.id())).as("stopped once").isEmpty();
    }

    @Test
    void anAgentIsSentOnlyNewerTasksAllOfWhoseProcessesItLooksAfter() {
        process("a", "agent-1", "pod-1", true, T0);
        process("b", "agent-2", "pod-1", true, T0);
        ProfilingTask first = tasks.startFixedTime(cpu(List.of("a"), List.of(), false)).get(0);
        ProfilingTask shared = tasks.startFixedTime(network("pod-1", 60)).get(0);

        assertThat(tasks.fixedTimeTasksFor("agent-1", 0)).extracting(ProfilingTask::id).containsExactly(first.id());
        assertThat(tasks.fixedTimeTasksFor("agent-1", first.updateTime())).isEmpty();
        assertThat(tasks.fixedTimeTasksFor("agent-2", 0)).as("a NETWORK task naming another agent's process too")
                .isEmpty();
        assertThat(shared.processIds()).containsExactly("a", "b");
    }
}

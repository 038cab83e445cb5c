package io.groundstation.export;

import io.groundstation.task.ProfilingTarget;
import io.groundstation.registry.ProcessEntity;
import io.groundstation.task.ProfilingTask;
import io.groundstation.task.TriggerType;
import io.groundstation.testing.harness.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of the export, on an in-memory store and a scripted receiver. */
class ProfileExportTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration DELAY = Duration.ofSeconds(30);
    private static final Duration MAX_AGE = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final MemoryExports store = new MemoryExports();
    private final ScriptedSink sink = new ScriptedSink();
    private final Map<String, Map<String, byte[]>> uploads = new HashMap<>();
    private final Map<String, ProcessEntity> processes = new HashMap<>();
    private final ProfileExport export = new ProfileExport(store, sink, id -> Optional.ofNullable(store.tasks.get(id)),
            task -> uploads.getOrDefault(task.id(), Map.of()), id -> Optional.ofNullable(processes.get(id)),
            new ProfileExport.Timing(INTERVAL, DELAY, MAX_AGE), clock);

    @Test
    void anEndedTaskIsPushedOnceTheDelayPassedAndNeverAgain() {
        ProfilingTask task = task("t1", ProfilingTarget.ON_CPU, clock.millis(), 60);
        uploaded(task, "p1", "p2");
        processes.put("p1", new ProcessEntity("GENERAL", "shop", "pod-1", "java", List.of()));
        clock.advance(Duration.ofSeconds(60));
        assertThat(export.run().pushed()).as("just ended").isZero();
        assertThat(export.pending()).isEqualTo(1);
        clock.advance(DELAY);

        ProfileExport.Run run = export.run();

        assertThat(run.pushed()).isEqualTo(1);
        assertThat(sink.pushes).hasSize(1);
        List<ProfileSeries> series = sink.pushes.get(0);
        assertThat(series).extracting(ProfileSeries::labels).containsExactly(
                ordered("__name__", "process_cpu", "service_name", "shop", "instance", "pod-1", "process", "java",
                        "task_id", "t1", "target", "ON_CPU"),
                ordered("__name__", "process_cpu", "service_name", "shop", "instance", "pod-9", "process", "envoy",
                        "task_id", "t1", "target", "ON_CPU"));
        assertThat(series.get(0).pprof()).isEqualTo(uploads.get("t1").get("p1"));
        assertThat(series.get(0).id()).isNotEqualTo(series.get(1).id());
        assertThat(store.states.get("t1").outcome()).isEqualTo(ExportState.Outcome.PUSHED);
        assertThat(export.pending()).isZero();

        clock.advance(Duration.ofMinutes(10));
        assertThat(export.run().pushed()).isZero();
        assertThat(sink.pushes).hasSize(1);
    }

    @Test
    void runningNetworkAndTooOldTasksAreNotPushed() {
        long now = clock.millis();
        uploaded(task("running", ProfilingTarget.ON_CPU, now - 1000, 600), "p1");
        uploaded(task("network", ProfilingTarget.NETWORK, now - 120_000, 60), "p1");
        uploaded(task("old", ProfilingTarget.OFF_CPU, now - MAX_AGE.toMillis() - 1, 60), "p1");
        uploaded(task("off", ProfilingTarget.OFF_CPU, now - 120_000, 60), "p1");

        assertThat(export.run().pushed()).isEqualTo(1);
        assertThat(sink.pushes).hasSize(1);
        assertThat(sink.pushes.get(0).get(0).labels()).containsEntry("task_id", "off")
                .containsEntry("__name__", "off_cpu").containsEntry("target", "OFF_CPU")
                .as("names from the task when the process is gone").containsEntry("instance", "pod-9")
                .containsEntry("process", "envoy");
    }

    @Test
    void aStoppedTaskIsPushedAfterItsStopAndATaskWithoutSamplesIsDecidedEmpty() {
        ProfilingTask stopped = task("stopped", ProfilingTarget.ON_CPU, clock.millis(), 3600);
        store.tasks.put("stopped", stop(stopped, clock.millis() + 5000));
        uploaded(store.tasks.get("stopped"), "p1");
        task("nothing", ProfilingTarget.ON_CPU, clock.millis(), 1);
        clock.advance(Duration.ofSeconds(5).plus(DELAY));

        ProfileExport.Run run = export.run();

        assertThat(run.pushed()).isEqualTo(1);
        assertThat(run.empty()).isEqualTo(1);
        assertThat(store.states.get("nothing").outcome()).isEqualTo(ExportState.Outcome.EMPTY);
        assertThat(sink.pushes).hasSize(1);
    }

    @Test
    void aFailedPushIsRetriedAfterABackOffThatDoublesUpToItsCap() {
        uploaded(task("t1", ProfilingTarget.ON_CPU, clock.millis() - 120_000, 60), "p1");
        sink.answer(PushResult.retry("HTTP 503"), PushResult.retry("HTTP 503"), PushResult.accepted());

        ProfileExport.Run first = export.run();
        assertThat(first.retried()).isEqualTo(1);
        assertThat(first.problems()).singleElement().asString().contains("t1", "HTTP 503", "will retry");
        assertThat(store.states.get("t1").lastError()).isEqualTo("HTTP 503");
        assertThat(export.pending()).as("waiting to retry").isEqualTo(1);
        clock.advance(INTERVAL.minusMillis(1));
        assertThat(export.run().retried()).as("before its back-off").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(export.run().retried()).isEqualTo(1);
        clock.advance(INTERVAL.multipliedBy(2).minusMillis(1));
        assertThat(export.run().pushed()).as("the second wait doubled").isZero();
        clock.advance(Duration.ofMillis(1));

        assertThat(export.run().pushed()).isEqualTo(1);
        assertThat(sink.pushes).hasSize(3);
        assertThat(store.states.get("t1")).extracting(ExportState::outcome, ExportState::attempts)
                .containsExactly(ExportState.Outcome.PUSHED, 3);
        assertThat(export.backoff(1)).isEqualTo(INTERVAL);
        assertThat(export.backoff(5)).isEqualTo(INTERVAL.multipliedBy(16));
        assertThat(export.backoff(6)).isEqualTo(ProfileExport.MAX_BACKOFF);
        assertThat(export.backoff(60)).isEqualTo(ProfileExport.MAX_BACKOFF);
    }

    @Test
    void aRefusedPushIsNotRetriedAndOneStillFailingWhenTooOldIsGivenUp() {
        uploaded(task("refused", ProfilingTarget.ON_CPU, clock.millis() - 120_000, 60), "p1");
        uploaded(task("failing", ProfilingTarget.ON_CPU, clock.millis() - 110_000, 60), "p1");
        sink.answer(PushResult.refused("HTTP 400: too old"), PushResult.retry("connection refused"));

        ProfileExport.Run run = export.run();
        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.retried()).isEqualTo(1);
        assertThat(store.states.get("refused").outcome()).isEqualTo(ExportState.Outcome.FAILED);

        sink.answer(PushResult.retry("connection refused"));
        clock.advance(MAX_AGE.minusSeconds(120));
        assertThat(export.run().retried()).as("still young enough").isEqualTo(1);
        clock.advance(ProfileExport.MAX_BACKOFF);

        ProfileExport.Run expired = export.run();
        assertThat(expired.failed()).isEqualTo(1);
        assertThat(store.states.get("failing").outcome()).isEqualTo(ExportState.Outcome.FAILED);
        assertThat(store.states.get("failing").lastError()).contains("connection refused");
        assertThat(sink.pushes).hasSize(3);
        assertThat(export.pending()).isZero();
    }

    @Test
    void aRunStopsStartingPushesOneIntervalAfterItBegan() {
        for (int i = 0; i < 5; i++) {
            uploaded(task("t" + i, ProfilingTarget.ON_CPU, clock.millis() - 120_000 + i, 60), "p1");
        }
        sink.slowness = Duration.ofSeconds(4);

        ProfileExport.Run run = export.run();

        assertThat(run.pushed()).as("pushes started at 0 s, 4 s, 8 s").isEqualTo(3);
        assertThat(export.run().pushed()).isEqualTo(2);
        assertThat(sink.pushes).extracting(s -> s.get(0).labels().get("task_id"))
                .containsExactly("t0", "t1", "t2", "t3", "t4");
    }

    private ProfilingTask task(String id, ProfilingTarget target, long start, int seconds) {
        ProfilingTask task = new ProfilingTask(id, TriggerType.FIXED_TIME, target, "shop", "pod-9", "envoy",
                List.of("p1"), start, seconds, start, start, List.of(), "", List.of(), 0, null, null, id, List.of());
        store.tasks.put(id, task);
        return task;
    }

    private static ProfilingTask stop(ProfilingTask t, long at) {
        return t.withUpdateTime(at).withStoppedAt(at);
    }

    private void uploaded(ProfilingTask task, String... processIds) {
        Map<String, byte[]> byProcess = new LinkedHashMap<>();
        for (String process : processIds) {
            byProcess.put(process, (task.id() + "/" + process).getBytes());
        }
        uploads.put(task.id(), byProcess);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Answers pushes as scripted (accepted when the script ran out); each push takes {@code slowness}. */
    private final class ScriptedSink implements ProfileSink {
        final List<List<ProfileSeries>> pushes = new ArrayList<>();
        final Deque<PushResult> script = new ArrayDeque<>();
        Duration slowness = Duration.ZERO;

        void answer(PushResult... results) {
            script.addAll(List.of(results));
        }

        @Override
        public PushResult push(List<ProfileSeries> series) {
            pushes.add(series);
            clock.advance(slowness);
            return script.isEmpty() ? PushResult.accepted() : script.poll();
        }
    }

    /** The store's rules over maps: what the SQL of JdbcExportStore says. */
    private static final class MemoryExports implements ExportStore {
        final Map<String, ProfilingTask> tasks = new LinkedHashMap<>();
        final Map<String, ExportState> states = new HashMap<>();

        private static long end(ProfilingTask task) {
            return task.stoppedAt() != null ? task.stoppedAt() : task.endTime();
        }

        private List<ProfilingTask> endedInWindow(Set<ProfilingTarget> targets, long oldestStart, long endedBy) {
            return tasks.values().stream().filter(t -> targets.contains(t.target()) && t.startTime() >= oldestStart
                            && t.startTime() <= endedBy && end(t) <= endedBy)
                    .sorted(Comparator.comparingLong(ProfilingTask::startTime).thenComparing(ProfilingTask::id))
                    .toList();
        }

        @Override
        public List<DueExport> due(Set<ProfilingTarget> targets, long oldestStart, long endedBy, long now,
                                   int limit) {
            return endedInWindow(targets, oldestStart, endedBy).stream().filter(t -> {
                ExportState state = states.get(t.id());
                return state == null || state.outcome() == null && state.nextAttemptAt() <= now;
            }).limit(limit).map(t -> new DueExport(t.id(), states.containsKey(t.id())
                    ? states.get(t.id()).attempts() : 0)).toList();
        }

        @Override
        public long pending(Set<ProfilingTarget> targets, long oldestStart, long now) {
            return endedInWindow(targets, oldestStart, now).stream()
                    .filter(t -> !states.containsKey(t.id()) || states.get(t.id()).outcome() == null).count();
        }

        @Override
        public void save(ExportState state) {
            states.put(state.taskId(), state);
        }

        @Override
        public int expire(long oldestStart, long now, String reason) {
            int expired = 0;
            for (ExportState state : List.copyOf(states.values())) {
                if (state.outcome() == null && tasks.get(state.taskId()).startTime() < oldestStart) {
                    states.put(state.taskId(), new ExportState(state.taskId(), state.attempts(), now,
                            ExportState.Outcome.FAILED, now, reason + "; last: " + state.lastError()));
                    expired++;
                }
            }
            return expired;
        }

        @Override
        public void forget(List<String> taskIds) {
            taskIds.forEach(states::remove);
        }
    }
}

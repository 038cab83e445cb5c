package io.groundstation.task;

import io.groundstation.registry.Ids;
import io.groundstation.testing.harness.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trigger rules on the in-memory port: duration cap, one task per trigger, per-service and overall caps. */
class TriggerGovernorTest {

    private final MutableClock clock = new MutableClock(1_000_000);
    private final MemoryTaskStore store = new MemoryTaskStore();
    private final TriggerGovernor governor = governor(2, 3);

    private TriggerGovernor governor(int perService, int maxRunning) {
        Tasks tasks = new Tasks(store, maxRunning, Duration.ofSeconds(10), clock);
        return new TriggerGovernor(store, tasks, (service, regex) -> regex.replace("(?:", "("), perService, clock);
    }

    private static TriggerReport report(String process, int seconds) {
        return new TriggerReport("GENERAL", "shop", "shop-0", process, ProfilingTarget.ON_CPU, seconds,
                List.of(new Cause("HTTP_ERROR_RATE", 10.0, 12.5, null, "/api/(?:a|b)")), List.of("/api/(?:a|b)"));
    }

    @Test
    void aDurationOutsideOneSecondToADayIsRefusedAndNothingIsStored() {
        for (int seconds : new int[] {0, -5, TriggerGovernor.MAX_TRIGGERED_SECONDS + 1}) {
            assertThatThrownBy(() -> governor.trigger(report("java", seconds)))
                    .isInstanceOf(TaskRequestProblems.class)
                    .satisfies(e -> assertThat(((TaskRequestProblems) e).problems())
                            .containsExactly("duration: must be 1..86400 seconds"));
        }
        assertThat(store.tasks).isEmpty();
        assertThat(store.refusals("shop").count()).as("not a cap refusal").isZero();

        String id = governor.trigger(report("java", TriggerGovernor.MAX_TRIGGERED_SECONDS));
        assertThat(store.tasks.get(id).durationSeconds()).isEqualTo(86_400);
    }

    @Test
    void aRepeatedReportGetsTheRunningTaskAndCountsAsARepeat() {
        String first = governor.trigger(report("java", 60));
        clock.advance(Duration.ofSeconds(5));
        assertThat(governor.trigger(report("java", 60))).isEqualTo(first);
        assertThat(store.repeatsOf(first)).isEqualTo(1);
        ProfilingTask task = store.tasks.get(first);
        assertThat(task.processIds()).containsExactly(Ids.processId("shop", "shop-0", "java"));
        assertThat(task.causes().get(0).uriRegex()).as("the policy's spelling").isEqualTo("/api/(a|b)");
        assertThat(task.samplingUriRegexes()).containsExactly("/api/(a|b)");

        clock.advance(Duration.ofSeconds(60));
        assertThat(governor.trigger(report("java", 60))).as("the first task is over").isNotEqualTo(first);
    }

    @Test
    void aServicePastItsConcurrentTriggersIsRefusedAndTheRefusalRecorded() {
        governor.trigger(report("a", 60));
        governor.trigger(report("b", 60));
        assertThatThrownBy(() -> governor.trigger(report("c", 60))).isInstanceOf(TaskLimitReached.class)
                .hasMessageContaining("task.max-concurrent-per-service");
        assertThat(store.refusals("shop")).isEqualTo(new TriggerRefusals(1, clock.millis()));
    }

    @Test
    void allTasksTogetherStayUnderMaxRunning() {
        TriggerGovernor oneAtATime = governor(5, 1);
        oneAtATime.trigger(report("a", 60));
        assertThatThrownBy(() -> oneAtATime.trigger(report("b", 60))).isInstanceOf(TaskLimitReached.class)
                .hasMessageContaining("task.max-running");
        assertThat(store.tasks).hasSize(1);
    }
}

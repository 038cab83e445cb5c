package io.groundstation.backtest;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayTest {

    @Test
    void leftOutTheReplayIsRoversDefaultsOverTheLastSixHours() {
        assertThat(Replay.of(null, null, null)).isEqualTo(new Replay(Duration.ofHours(6), Duration.ofMinutes(10),
                Duration.ofMinutes(20)));
        assertThat(Replay.of(24, 1, 0)).isEqualTo(new Replay(Duration.ofHours(24), Duration.ofSeconds(1),
                Duration.ZERO));
    }

    @Test
    void everyProblemIsNamedByItsField() {
        assertThatThrownBy(() -> Replay.of(25, 0, -1)).isInstanceOf(BacktestProblems.class)
                .satisfies(e -> assertThat(((BacktestProblems) e).problems()).containsExactly(
                        "hours: must be in 1..24", "taskDurationSeconds: must be positive",
                        "cooldownSeconds: must not be negative"));
        assertThatThrownBy(() -> Replay.of(0, null, null)).isInstanceOf(BacktestProblems.class);
    }
}

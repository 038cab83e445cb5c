package io.groundstation.policy;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdFormatTest {

    private final ThresholdFormat cpu = CheckerType.PROCESS_CPU.threshold();
    private final ThresholdFormat load = CheckerType.SYSTEM_LOAD.threshold();
    private final ThresholdFormat errorRate = CheckerType.HTTP_ERROR_RATE.threshold();

    @Test
    void acceptedThresholdsTakeOneSpellingWhateverTheirJsonType() {
        assertThat(cpu.canonical(80)).contains("80");
        assertThat(cpu.canonical(" 80 ")).contains("80");
        assertThat(load.canonical("2.50")).contains("2.5");
        assertThat(load.canonical(new BigDecimal("3.0"))).contains("3");
        assertThat(errorRate.canonical(100)).contains("100");
    }

    @Test
    void refusesWhatTheAgentCouldNotParseOrNeverFires() {
        for (Object refused : new Object[]{"80.5", 80.0, "0", "101", "1e2", "2147483648", "", "x", true}) {
            assertThat(cpu.canonical(refused)).as("%s", refused).isEmpty();
        }
        for (Object refused : new Object[]{"0", "-1", "100.01", "1E1", "NaN", null}) {
            assertThat(errorRate.canonical(refused)).as("%s", refused).isEmpty();
        }
        assertThat(load.canonical("1000.5")).contains("1000.5");
    }

    @Test
    void expectationNamesTheFormat() {
        assertThat(cpu.expectation()).isEqualTo("must be an integer in 1..100");
        assertThat(CheckerType.PROCESS_THREAD_COUNT.threshold().expectation())
                .isEqualTo("must be an integer greater than 0");
        assertThat(errorRate.expectation()).isEqualTo("must be a decimal number in (0,100]");
        assertThat(load.expectation()).isEqualTo("must be a decimal number greater than 0");
    }
}

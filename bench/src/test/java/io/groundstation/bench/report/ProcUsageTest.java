package io.groundstation.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcUsageTest {

    @Test
    void readsUserPlusSystemTicksPastACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1500 250 3 4 20 0 40 0 "
                + "123 8000000000 70000 18446744073709551615 1 1 0 0 0 0 0 4096 17090 0 0 0 17 1 0 0 0 0 0";

        assertThat(ProcUsage.cpuTicks(stat)).isEqualTo(1750);
    }

    @Test
    void readsThePeakResidentSetSize() {
        assertThat(ProcUsage.peakRssKiB(List.of("Name:\tjava", "VmPeak:\t 9000 kB", "VmHWM:\t  193536 kB",
                "VmRSS:\t 190000 kB"))).isEqualTo(193536);
    }

    @Test
    void measuresALiveProcess() {
        ProcUsage self = ProcUsage.read(ProcessHandle.current().pid());

        assertThat(self.peakRssKiB()).isPositive();
        assertThat(self.cpuTicks()).isPositive();
    }
}

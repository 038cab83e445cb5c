package io.groundstation.task;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkSamplingTest {

    @Test
    void whatARuleLeavesOutIsOffOrTheDefaultCaptureSize() {
        assertThat(NetworkSampling.withDefaults(null, null, null, null, null, null, null, null))
                .isEqualTo(new NetworkSampling(null, null, false, false, false, 2048, false, 2048));
    }

    @Test
    void whatARuleGivesIsKept() {
        assertThat(NetworkSampling.withDefaults("/api/.*", 200, true, false, true, 512, false, 0))
                .isEqualTo(new NetworkSampling("/api/.*", 200, true, false, true, 512, false, 0));
    }
}

package io.groundstation.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

    @Test
    void matchesOapTestVectors() {
        assertThat(Ids.serviceId("sqrt")).isEqualTo("c3FydA==.1");
        assertThat(Ids.instanceId("sqrt", "test-instance")).isEqualTo("c3FydA==.1_dGVzdC1pbnN0YW5jZQ==");
        assertThat(Ids.processId("sqrt", "test-instance", "sqrt"))
                .isEqualTo("3f84517a2b0f75e4b91f6fd23b020aa6f9b2cdae0a3d075ff7ee230000ee468d");
    }

    @Test
    void neverTruncatesLongNames() {
        String longService = "s".repeat(70) + "-a";
        String otherLongService = "s".repeat(70) + "-b";
        assertThat(Ids.serviceId(longService)).isNotEqualTo(Ids.serviceId(otherLongService));
        assertThat(Ids.processId(longService, "i", "p")).isNotEqualTo(Ids.processId(otherLongService, "i", "p"));
    }

    @Test
    void encodesUtf8() {
        assertThat(Ids.serviceId("zürich")).isEqualTo("esO8cmljaA==.1");
    }

    @Test
    void idsNameTheirServiceAndInstanceBack() {
        assertThat(Ids.serviceName(Ids.serviceId("ns::shop_1 zürich"))).contains("ns::shop_1 zürich");
        assertThat(Ids.instanceNames(Ids.instanceId("sqrt", "pod_7"))).contains(java.util.Map.entry("sqrt", "pod_7"));
        assertThat(Ids.serviceName("c3FydA==")).as("no layer suffix").isEmpty();
        assertThat(Ids.serviceName("c3FydA.1")).as("not the canonical spelling").isEmpty();
        assertThat(Ids.serviceName("!!!.1")).isEmpty();
        assertThat(Ids.serviceName(Ids.instanceId("sqrt", "i"))).as("an instance id is no service id").isEmpty();
        assertThat(Ids.instanceNames(Ids.serviceId("sqrt"))).isEmpty();
        assertThat(Ids.instanceNames("c3FydA==.1_%%%")).isEmpty();
        assertThat(Ids.serviceName(null)).isEmpty();
    }
}

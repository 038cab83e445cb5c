package io.groundstation.registry;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LastKeepAlivesTest {

    private final LastKeepAlives last = new LastKeepAlives();

    @Test
    void theSameBytesAgainGetTheMapMadeLastTime() {
        Map<String, SightedProcess> named = named("p1", "p2");
        last.remember("a", bytes("p1,p2"), named, false, 1_000);

        // Each request arrives as a new array: equal, not the same.
        assertThat(last.sameAsLast("a", bytes("p1,p2"), 21_000)).isSameAs(named);
        assertThat(last.sameAsLast("b", bytes("p1,p2"), 21_000)).as("another agent").isNull();
    }

    @Test
    void anyOtherBytesAreAMiss() {
        last.remember("a", bytes("p1,p2"), named("p1", "p2"), false, 1_000);

        assertThat(last.sameAsLast("a", bytes("p2,p1"), 2_000)).as("another order").isNull();
        assertThat(last.sameAsLast("a", bytes("p1,p3"), 2_000)).as("one byte").isNull();
        assertThat(last.sameAsLast("a", bytes("p1,p2,"), 2_000)).as("one more").isNull();
        assertThat(last.sameAsLast("a", bytes("p1,p"), 2_000)).as("one less").isNull();
    }

    @Test
    void aKeepAliveWithARefusedPingIsNotRemembered() {
        last.remember("b", bytes("p1"), named("p1"), false, 1_000);
        last.remember("b", bytes("p1,bad"), named("p1"), true, 2_000);

        assertThat(last.sameAsLast("b", bytes("p1,bad"), 3_000)).isNull();
        assertThat(last.sameAsLast("b", bytes("p1"), 3_000)).as("the one before is gone too").isNull();
    }

    @Test
    void agentsSilentSinceTheCutoffAreForgotten() {
        last.remember("quiet", bytes("p1"), named("p1"), false, 1_000);
        last.remember("busy", bytes("p1"), named("p1"), false, 1_000);
        last.sameAsLast("busy", bytes("p1"), 30_000);

        last.forgetBefore(20_000);

        assertThat(last.agents()).isEqualTo(1);
        assertThat(last.sameAsLast("busy", bytes("p1"), 40_000)).isNotNull();
        assertThat(last.sameAsLast("quiet", bytes("p1"), 40_000)).isNull();
    }

    private static byte[] bytes(String request) {
        return request.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, SightedProcess> named(String... processNames) {
        Map<String, SightedProcess> named = new LinkedHashMap<>();
        for (String name : processNames) {
            ProcessEntity entity = new ProcessEntity("K8S_SERVICE", "shop", "pod-1", name, List.of("mesh"));
            String id = Ids.processId(entity);
            named.put(id, new SightedProcess(id, entity, true));
        }
        return named;
    }
}

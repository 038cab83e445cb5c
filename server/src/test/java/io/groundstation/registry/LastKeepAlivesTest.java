package io.groundstation.registry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LastKeepAlivesTest {

    private final LastKeepAlives last = new LastKeepAlives();

    @Test
    void anEqualKeepAliveGetsTheMapMadeLastTime() {
        List<Ping> first = pings(true, "p1", "p2");
        Map<String, SightedProcess> named = named(first);
        last.remember("a", first, named, false, 1_000);

        // Built anew, as each call's request is: equal by value, not the same objects.
        assertThat(last.sameAsLast("a", pings(true, "p1", "p2"), 21_000)).isSameAs(named);
        assertThat(last.sameAsLast("b", pings(true, "p1", "p2"), 21_000)).as("another agent").isNull();
    }

    @Test
    void anyDifferenceIsAMiss() {
        last.remember("a", pings(true, "p1", "p2"), named(pings(true, "p1", "p2")), false, 1_000);

        assertThat(last.sameAsLast("a", pings(true, "p2", "p1"), 2_000)).as("another order").isNull();
        assertThat(last.sameAsLast("a", pings(false, "p1", "p2"), 2_000)).as("another flag").isNull();
        assertThat(last.sameAsLast("a", pings(true, "p1"), 2_000)).as("one gone").isNull();
        assertThat(last.sameAsLast("a", pings(true, "p1", "p2", "p3"), 2_000)).as("one more").isNull();
        List<Ping> relabelled = new ArrayList<>(pings(true, "p1"));
        relabelled.add(new Ping(new ProcessEntity("K8S_SERVICE", "shop", "pod-1", "p2", List.of("other")), true));
        assertThat(last.sameAsLast("a", relabelled, 2_000)).as("another label").isNull();
    }

    @Test
    void aRepeatedEntityIsComparedAsSentAndHeldOnce() {
        List<Ping> repeated = pings(true, "p1", "p1");
        Map<String, SightedProcess> named = named(repeated);
        last.remember("a", repeated, named, false, 1_000);

        assertThat(last.sameAsLast("a", pings(true, "p1", "p1"), 2_000)).isSameAs(named).hasSize(1);
        assertThat(last.sameAsLast("a", pings(true, "p1"), 2_000)).as("named once").isNull();
    }

    @Test
    void aKeepAliveWithARefusedPingIsNotRemembered() {
        List<Ping> refused = new ArrayList<>(pings(true, "p1"));
        refused.add(new Ping(null, true));
        last.remember("b", pings(true, "p1"), named(pings(true, "p1")), false, 1_000);
        last.remember("b", refused, named(pings(true, "p1")), true, 2_000);

        assertThat(last.sameAsLast("b", refused, 3_000)).isNull();
        assertThat(last.sameAsLast("b", pings(true, "p1"), 3_000)).as("the one before is gone too").isNull();
    }

    @Test
    void agentsSilentSinceTheCutoffAreForgotten() {
        last.remember("quiet", pings(true, "p1"), named(pings(true, "p1")), false, 1_000);
        last.remember("busy", pings(true, "p1"), named(pings(true, "p1")), false, 1_000);
        last.sameAsLast("busy", pings(true, "p1"), 30_000);

        last.forgetBefore(20_000);

        assertThat(last.agents()).isEqualTo(1);
        assertThat(last.sameAsLast("busy", pings(true, "p1"), 40_000)).isNotNull();
        assertThat(last.sameAsLast("quiet", pings(true, "p1"), 40_000)).isNull();
    }

    private static List<Ping> pings(boolean ebpf, String... processNames) {
        List<Ping> pings = new ArrayList<>();
        for (String name : processNames) {
            pings.add(new Ping(new ProcessEntity("K8S_SERVICE", "shop", "pod-1", name, List.of("mesh")), ebpf));
        }
        return pings;
    }

    private static Map<String, SightedProcess> named(List<Ping> pings) {
        Map<String, SightedProcess> named = new LinkedHashMap<>();
        for (Ping ping : pings) {
            String id = Ids.processId(ping.entity());
            named.put(id, new SightedProcess(id, ping.entity(), ping.ebpfSupported()));
        }
        return named;
    }
}

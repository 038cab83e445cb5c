package io.groundstation.registry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MemberDigestTest {

    private static SightedProcess process(String name, boolean ebpf) {
        ProcessEntity entity = new ProcessEntity("K8S", "shop", "shop-0", name, List.of());
        return new SightedProcess(Ids.processId(entity), entity, ebpf);
    }

    @Test
    void aSetHasOneDigestInAnyOrderAndFromEitherForm() {
        List<SightedProcess> processes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            processes.add(process("p" + i, i % 3 == 0));
        }
        List<SightedProcess> reversed = new ArrayList<>(processes);
        java.util.Collections.reverse(reversed);
        Map<String, Boolean> flags = new java.util.HashMap<>();
        processes.forEach(p -> flags.put(p.id(), p.ebpfSupported()));

        assertThat(MemberDigest.of(reversed)).isEqualTo(MemberDigest.of(processes))
                .isEqualTo(MemberDigest.ofFlags(flags));
    }

    @Test
    void anotherMemberOrAnotherFlagGivesAnotherDigest() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(MemberDigest.of(List.of(process("p" + i, false))).hash())).isTrue();
            assertThat(seen.add(MemberDigest.of(List.of(process("p" + i, true))).hash())).isTrue();
        }
        // Ids that are not a SHA-256's hex are hashed whole.
        assertThat(MemberDigest.hash("p1", false)).isNotEqualTo(MemberDigest.hash("p2", false));
        String notHex = "z".repeat(64);
        assertThat(MemberDigest.hash(notHex, false)).isNotEqualTo(MemberDigest.hash("y" + notHex.substring(1), false));
    }
}

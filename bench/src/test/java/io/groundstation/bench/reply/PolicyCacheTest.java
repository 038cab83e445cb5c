package io.groundstation.bench.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyCacheTest {

    private static final Map<String, Set<String>> PROCESSES = Map.of("web", Set.of("w1"), "db", Set.of("d1"));

    private final PolicyCache cache = new PolicyCache();

    @Test
    void holdsTheUuidsOfAppliedServices() {
        assertThat(cache.heldUuid("web")).isEmpty();

        cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))), PROCESSES, 0);

        assertThat(cache.heldUuid("web")).isEqualTo("v1");
        cache.clear();
        assertThat(cache.heldUuid("web")).isEmpty();
    }

    @Test
    void aResyncThatKeepsAUriListCrashesTheAgent() {
        assertThat(cache.apply(List.of(policy("web", "v1", item(List.of("/a", "/b"), ""))), PROCESSES, 0).misreads())
                .isEmpty();

        List<Misread> defects = cache.apply(List.of(policy("db", "d1", item(List.of(), ""))), PROCESSES, 0).misreads();

        assertThat(defects).extracting(Misread::kind).containsExactly(MisreadKind.POLICY_URI_LIST_REUSED);
        assertThat(MisreadKind.POLICY_URI_LIST_REUSED.crashesAgent()).isTrue();
    }

    @Test
    void aResyncThatKeepsAUriRegexLosesTheRegex() {
        cache.apply(List.of(policy("web", "v1", item(List.of(), "/api/.*"))), PROCESSES, 0);

        assertThat(cache.apply(List.of(policy("web", "v1", item(List.of(), "/api/.*")),
                policy("db", "d1", item(List.of(), ""))), PROCESSES, 0).misreads())
                .extracting(Misread::kind).containsExactly(MisreadKind.POLICY_URI_REGEX_REUSED);
    }

    @Test
    void anEquivalentButUnequalFilterUnderANewUuidIsSafe() {
        cache.apply(List.of(policy("web", "v1", item(List.of("/a", "/b"), ""))), PROCESSES, 0);

        assertThat(cache.apply(List.of(policy("web", "v1b", item(List.of("/a", "/b", "/a"), "")),
                policy("db", "d1", item(List.of(), ""))), PROCESSES, 0).misreads()).isEmpty();
    }

    @Test
    void noResyncWhenNothingChanged() {
        cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))), PROCESSES, 0);

        assertThat(cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))), PROCESSES, 0).resync())
                .isEqualTo(PolicyCache.Resync.NONE);
    }

    @Test
    void aChangedProcessSetAloneTriggersTheResync() {
        cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))), PROCESSES, 0);

        PolicyCache.Applied applied = cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))),
                Map.of("web", Set.of("w1", "w2")), 0);
        assertThat(applied.misreads()).extracting(Misread::kind).containsExactly(MisreadKind.POLICY_URI_LIST_REUSED);
        assertThat(applied.resync()).isEqualTo(PolicyCache.Resync.NEEDED);
    }

    @Test
    void aResyncForAUriFilterSpellingAloneIsUnneeded() {
        cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))), PROCESSES, 0);

        assertThat(cache.apply(List.of(policy("web", "v1-v1", item(List.of("/a", "/a"), ""))), PROCESSES, 0).resync())
                .isEqualTo(PolicyCache.Resync.UNNEEDED);
        assertThat(cache.apply(List.of(policy("web", "v2", item(List.of("/b"), ""))), PROCESSES, 0).resync())
                .as("a new policy").isEqualTo(PolicyCache.Resync.NEEDED);
    }

    @Test
    void aRestartedHttpWindowCannotFireBeforeItHoldsCountSeconds() {
        cache.apply(List.of(policy("web", "v1", item(List.of(), "/a"))), PROCESSES, 0);
        assertThat(cache.wouldFire("web", "NETWORK/HTTP_ERROR_RATE", 0, 3_000)).as("Count is 3 s").isTrue();

        cache.apply(List.of(policy("web", "v1-v1", item(List.of(), "(?:/a)"))), PROCESSES, 2_000);

        assertThat(cache.resyncs()).isEqualTo(2);
        assertThat(cache.wouldFire("web", "NETWORK/HTTP_ERROR_RATE", 0, 4_000)).isFalse();
        assertThat(cache.wouldFire("web", "NETWORK/HTTP_ERROR_RATE", 0, 5_000)).isTrue();
    }

    @Test
    void aProcessCheckerKeepsItsWindowThroughAResync() {
        ServicePolicy cpu = new ServicePolicy("web", "v1",
                Map.of("ON_CPU", Map.of("PROCESS_CPU", new PolicyItem("80", 10, 5, List.of(), ""))));
        cache.apply(List.of(cpu), PROCESSES, 0);

        cache.apply(List.of(cpu), Map.of("web", Set.of("w1", "w2")), 4_000);

        assertThat(cache.watched("web")).containsExactlyInAnyOrder("w1", "w2");
        assertThat(cache.holdsPolicy("web")).isTrue();
        assertThat(cache.wouldFire("web", "ON_CPU/PROCESS_CPU", 0, 5_000)).as("w1 kept its window").isTrue();
    }

    private static ServicePolicy policy(String service, String uuid, PolicyItem httpItem) {
        return new ServicePolicy(service, uuid, Map.of("NETWORK", Map.of("HTTP_ERROR_RATE", httpItem)));
    }

    private static PolicyItem item(List<String> uriList, String uriRegex) {
        return new PolicyItem("5", 10, 3, uriList, uriRegex);
    }
}

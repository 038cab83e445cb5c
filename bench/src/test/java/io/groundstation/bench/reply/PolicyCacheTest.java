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

        cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))), PROCESSES);

        assertThat(cache.heldUuid("web")).isEqualTo("v1");
        cache.clear();
        assertThat(cache.heldUuid("web")).isEmpty();
    }

    @Test
    void aResyncThatKeepsAUriListCrashesTheAgent() {
        assertThat(cache.apply(List.of(policy("web", "v1", item(List.of("/a", "/b"), ""))), PROCESSES).misreads())
                .isEmpty();

        List<Misread> defects = cache.apply(List.of(policy("db", "d1", item(List.of(), ""))), PROCESSES).misreads();

        assertThat(defects).extracting(Misread::kind).containsExactly(MisreadKind.POLICY_URI_LIST_REUSED);
        assertThat(MisreadKind.POLICY_URI_LIST_REUSED.crashesAgent()).isTrue();
    }

    @Test
    void aResyncThatKeepsAUriRegexLosesTheRegex() {
        cache.apply(List.of(policy("web", "v1", item(List.of(), "/api/.*"))), PROCESSES);

        assertThat(cache.apply(List.of(policy("web", "v1", item(List.of(), "/api/.*")),
                policy("db", "d1", item(List.of(), ""))), PROCESSES).misreads())
                .extracting(Misread::kind).containsExactly(MisreadKind.POLICY_URI_REGEX_REUSED);
    }

    @Test
    void anEquivalentButUnequalFilterUnderANewUuidIsSafe() {
        cache.apply(List.of(policy("web", "v1", item(List.of("/a", "/b"), ""))), PROCESSES);

        assertThat(cache.apply(List.of(policy("web", "v1b", item(List.of("/a", "/b", "/a"), "")),
                policy("db", "d1", item(List.of(), ""))), PROCESSES).misreads()).isEmpty();
    }

    @Test
    void noResyncWhenNothingChanged() {
        cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))), PROCESSES);

        assertThat(cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))), PROCESSES).resync())
                .isEqualTo(PolicyCache.Resync.NONE);
    }

    @Test
    void aChangedProcessSetAloneTriggersTheResync() {
        cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))), PROCESSES);

        PolicyCache.Applied applied = cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))),
                Map.of("web", Set.of("w1", "w2")));
        assertThat(applied.misreads()).extracting(Misread::kind).containsExactly(MisreadKind.POLICY_URI_LIST_REUSED);
        assertThat(applied.resync()).isEqualTo(PolicyCache.Resync.NEEDED);
    }

    @Test
    void aResyncForAUriFilterSpellingAloneIsUnneeded() {
        cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))), PROCESSES);

        assertThat(cache.apply(List.of(policy("web", "v1-v1", item(List.of("/a", "/a"), ""))), PROCESSES).resync())
                .isEqualTo(PolicyCache.Resync.UNNEEDED);
        assertThat(cache.apply(List.of(policy("web", "v2", item(List.of("/b"), ""))), PROCESSES).resync())
                .as("a new policy").isEqualTo(PolicyCache.Resync.NEEDED);
    }

    private static ServicePolicy policy(String service, String uuid, PolicyItem httpItem) {
        return new ServicePolicy(service, uuid, Map.of("NETWORK", Map.of("HTTP_ERROR_RATE", httpItem)));
    }

    private static PolicyItem item(List<String> uriList, String uriRegex) {
        return new PolicyItem("5", 10, 3, uriList, uriRegex);
    }
}

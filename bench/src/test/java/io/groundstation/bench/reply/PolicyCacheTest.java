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
        assertThat(cache.apply(List.of(policy("web", "v1", item(List.of("/a", "/b"), ""))), PROCESSES)).isEmpty();

        List<Misread> defects = cache.apply(List.of(policy("db", "d1", item(List.of(), ""))), PROCESSES);

        assertThat(defects).extracting(Misread::kind).containsExactly(MisreadKind.POLICY_URI_LIST_REUSED);
        assertThat(MisreadKind.POLICY_URI_LIST_REUSED.crashesAgent()).isTrue();
    }

    @Test
    void aResyncThatKeepsAUriRegexLosesTheRegex() {
        cache.apply(List.of(policy("web", "v1", item(List.of(), "/api/.*"))), PROCESSES);

        assertThat(cache.apply(List.of(policy("web", "v1", item(List.of(), "/api/.*")),
                policy("db", "d1", item(List.of(), ""))), PROCESSES))
                .extracting(Misread::kind).containsExactly(MisreadKind.POLICY_URI_REGEX_REUSED);
    }

    @Test
    void anEquivalentButUnequalFilterUnderANewUuidIsSafe() {
        cache.apply(List.of(policy("web", "v1", item(List.of("/a", "/b"), ""))), PROCESSES);

        assertThat(cache.apply(List.of(policy("web", "v1b", item(List.of("/a", "/b", "/a"), "")),
                policy("db", "d1", item(List.of(), ""))), PROCESSES)).isEmpty();
    }

    @Test
    void noResyncWhenNothingChanged() {
        cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))), PROCESSES);

        assertThat(cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))), PROCESSES)).isEmpty();
    }

    @Test
    void aChangedProcessSetAloneTriggersTheResync() {
        cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))), PROCESSES);

        assertThat(cache.apply(List.of(policy("web", "v1", item(List.of("/a"), ""))),
                Map.of("web", Set.of("w1", "w2")))).extracting(Misread::kind)
                .containsExactly(MisreadKind.POLICY_URI_LIST_REUSED);
    }

    private static ServicePolicy policy(String service, String uuid, PolicyItem httpItem) {
        return new ServicePolicy(service, uuid, Map.of("NETWORK", Map.of("HTTP_ERROR_RATE", httpItem)));
    }

    private static PolicyItem item(List<String> uriList, String uriRegex) {
        return new PolicyItem("5", 10, 3, uriList, uriRegex);
    }
}

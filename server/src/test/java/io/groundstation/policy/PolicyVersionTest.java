package io.groundstation.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyVersionTest {

    private final PolicyValidator validator = new PolicyValidator(1024);

    private Policy policy(Map<String, ?> targets) {
        return validator.validate("svc", targets);
    }

    @Test
    void theSamePolicyHasTheSameVersionWhateverTheKeyOrderOrSpelling() {
        Policy a = policy(Map.of("ON_CPU", Map.of("PROCESS_CPU", Map.of("threshold", "80", "period", 10, "count", 5)),
                "NETWORK", Map.of("HTTP_ERROR_RATE", Map.of("count", 3, "threshold", 5, "period", 10))));
        Policy b = policy(Map.of("NETWORK", Map.of("HTTP_ERROR_RATE", Map.of("period", 10, "threshold", "5.0",
                "count", 3)), "ON_CPU", Map.of("PROCESS_CPU", Map.of("period", 10, "count", 5, "threshold", 80))));

        assertThat(PolicyVersion.of(a)).isEqualTo(PolicyVersion.of(b)).hasSize(32);
    }

    @Test
    void anyChangeChangesTheVersion() {
        String base = PolicyVersion.of(policy(Map.of("ON_CPU", Map.of("PROCESS_CPU",
                Map.of("threshold", "80", "period", 10, "count", 5)))));
        assertThat(List.of(
                Map.of("ON_CPU", Map.of("PROCESS_CPU", Map.of("threshold", "81", "period", 10, "count", 5))),
                Map.of("ON_CPU", Map.of("PROCESS_CPU", Map.of("threshold", "80", "period", 11, "count", 5))),
                Map.of("ON_CPU", Map.of("PROCESS_CPU", Map.of("threshold", "80", "period", 10, "count", 4))),
                Map.of("OFF_CPU", Map.of("PROCESS_CPU", Map.of("threshold", "80", "period", 10, "count", 5)))))
                .allSatisfy(targets -> assertThat(PolicyVersion.of(policy(targets))).isNotEqualTo(base));
    }

    @Test
    void heldVersionsCarryTheirVariant() {
        assertThat(PolicyVersion.parse("abc")).isEqualTo(new PolicyVersion("abc", 0));
        assertThat(PolicyVersion.parse("abc-v2")).isEqualTo(new PolicyVersion("abc", 2));
        assertThat(PolicyVersion.parse("")).isEqualTo(new PolicyVersion("", 0));
        assertThat(PolicyVersion.parse("abc-vx")).isEqualTo(new PolicyVersion("abc-vx", 0));
        assertThat(new PolicyVersion("abc", 1).text()).isEqualTo("abc-v1");
        assertThat(new PolicyVersion("abc", 0).text()).isEqualTo("abc");
    }

    @Test
    void variantsAreEquivalentButNeverEqualSpellings() {
        assertThat(UriFilterVariants.regex("/a.*", 0)).isEqualTo("/a.*");
        assertThat(UriFilterVariants.regex("/a.*", 2)).isEqualTo("(?:(?:/a.*))");
        assertThat(java.util.regex.Pattern.matches(UriFilterVariants.regex("/a.*", 2), "/abc")).isTrue();
        assertThat(UriFilterVariants.list(List.of("/a", "/b"), 1)).containsExactly("/a", "/b", "/a");
        Policy policy = policy(Map.of("NETWORK", Map.of("HTTP_ERROR_RATE",
                Map.of("threshold", "5", "period", 10, "count", 3, "uriRegex", "/api/.*"))));
        assertThat(UriFilterVariants.baseRegex(policy, "(?:(?:/api/.*))")).isEqualTo("/api/.*");
        assertThat(UriFilterVariants.baseRegex(policy, "/other")).isEqualTo("/other");
    }
}

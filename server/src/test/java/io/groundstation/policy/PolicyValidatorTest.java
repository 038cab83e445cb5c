package io.groundstation.policy;

import io.groundstation.task.ProfilingTarget;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyValidatorTest {

    private final PolicyValidator validator = new PolicyValidator(1024);

    private static Map<String, Object> item(Object threshold, Object period, Object count) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("threshold", threshold);
        item.put("period", period);
        item.put("count", count);
        return item;
    }

    private static Map<String, Object> with(Map<String, Object> item, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(item);
        copy.put(key, value);
        return copy;
    }

    private List<String> problems(Map<String, Object> targets) {
        try {
            validator.validate("svc", targets);
            return List.of();
        } catch (PolicyProblems e) {
            return e.problems();
        }
    }

    private List<String> problemsOf(String target, String checker, Map<String, Object> item) {
        return problems(Map.of(target, Map.of(checker, item)));
    }

    @Test
    void acceptsAFullPolicyAndCanonicalisesThresholds() {
        Policy policy = validator.validate("svc", Map.of(
                "ON_CPU", Map.of("PROCESS_CPU", item("80", 10, 5), "PROCESS_THREAD_COUNT", item(500, 30, 30)),
                "NETWORK", Map.of("HTTP_ERROR_RATE", with(item("5.50", 30, 5), "uriList", List.of("/a", "/b")),
                        "HTTP_AVG_RESPONSE_TIME", with(item(250.0, 10, 3), "uriRegex", "/api/.*")),
                "OFF_CPU", Map.of("SYSTEM_LOAD", item("2.5", 5, 1))));

        assertThat(policy.targets()).containsOnlyKeys(ProfilingTarget.ON_CPU, ProfilingTarget.OFF_CPU,
                ProfilingTarget.NETWORK);
        assertThat(policy.targets().get(ProfilingTarget.NETWORK).get(CheckerType.HTTP_ERROR_RATE).threshold())
                .isEqualTo("5.5");
        assertThat(policy.targets().get(ProfilingTarget.NETWORK).get(CheckerType.HTTP_AVG_RESPONSE_TIME).threshold())
                .isEqualTo("250");
        assertThat(policy.targets().get(ProfilingTarget.ON_CPU).get(CheckerType.PROCESS_THREAD_COUNT).threshold())
                .isEqualTo("500");
        assertThat(policy.hasUriFilters()).isTrue();
    }

    @Test
    void thresholdsMustBeWhatTheAgentParses() {
        assertEachRefused("ON_CPU", "PROCESS_CPU", "threshold: must be an integer in 1..100",
                item("80.5", 10, 5), item("101", 10, 5), item("0", 10, 5));
        assertEachRefused("ON_CPU", "PROCESS_THREAD_COUNT", "threshold: must be an integer greater than 0",
                item("1.5", 10, 5), item("99999999999", 10, 5));
        assertEachRefused("NETWORK", "HTTP_ERROR_RATE", "threshold: must be a decimal number in (0,100]",
                item("100.01", 10, 5));
        assertThat(problemsOf("NETWORK", "HTTP_ERROR_RATE", item("100", 10, 5))).isEmpty();
        assertEachRefused("OFF_CPU", "SYSTEM_LOAD", "threshold: must be a decimal number greater than 0",
                item("-1", 10, 5), item("1e3", 10, 5), item("NaN", 10, 5), item("", 10, 5), item(true, 10, 5),
                item(null, 10, 5));
    }

    @Test
    void periodAndCountMustBeAWindowTheAgentKeeps() {
        assertEachRefused("ON_CPU", "PROCESS_CPU", "period: must be a whole number in 1..3600",
                item("80", 0, 1), item("80", 10.5, 5), item("80", "10", 5), item("80", 3601, 5));
        assertEachRefused("ON_CPU", "PROCESS_CPU", "count: must be a whole number in 1..10",
                item("80", 10, 11), item("80", 10, 0));
    }

    /** Each item, alone under the checker, is refused with this one problem of one of its fields. */
    @SafeVarargs
    private void assertEachRefused(String target, String checker, String problem, Map<String, Object>... items) {
        for (Map<String, Object> item : items) {
            assertThat(problemsOf(target, checker, item)).as("%s", item)
                    .containsExactly(target + "." + checker + "." + problem);
        }
    }

    @Test
    void uriFiltersOnlyOnHttpCheckersAndOnlyOneKind() {
        assertThat(problemsOf("ON_CPU", "PROCESS_CPU", with(item("80", 10, 5), "uriList", List.of("/a"))))
                .containsExactly("ON_CPU.PROCESS_CPU: URI filters apply to HTTP checkers only");
        assertThat(problemsOf("NETWORK", "HTTP_ERROR_RATE", with(with(item("5", 10, 5), "uriList", List.of("/a")),
                "uriRegex", "/b"))).containsExactly("NETWORK.HTTP_ERROR_RATE: give uriList or uriRegex, not both");
        assertThat(problemsOf("NETWORK", "HTTP_ERROR_RATE", with(item("5", 10, 5), "uriList", List.of())))
                .hasSize(1);
        assertThat(problemsOf("NETWORK", "HTTP_ERROR_RATE", with(item("5", 10, 5), "uriList", List.of("/a", "/a"))))
                .containsExactly("NETWORK.HTTP_ERROR_RATE.uriList: '/a' is listed twice");
    }

    @Test
    void regexesMustCompileAndSuitTheAgentsEngine() {
        for (String regex : List.of("/a(?=b)", "/a(?!b)", "(?<=x)/a", "(?<!x)/a", "(a)\\1", "a*+", "(?>a)",
                "\\Gabc", "(?<n>a)\\k<n>", "[unclosed", "(?<n>a)", "\\Z")) {
            assertThat(problemsOf("NETWORK", "HTTP_AVG_RESPONSE_TIME", with(item("100", 10, 5), "uriRegex", regex)))
                    .as(regex).hasSize(1).first().asString().startsWith("NETWORK.HTTP_AVG_RESPONSE_TIME.uriRegex:");
        }
        for (String regex : List.of("/api/v[0-9]+/.*", "^/(users|orders)/\\d+$", "[(?=]x", "a{2,3}", "\\(?=",
                "(?P<id>[0-9]+)", "(?i)/API/.*")) {
            assertThat(problemsOf("NETWORK", "HTTP_AVG_RESPONSE_TIME", with(item("100", 10, 5), "uriRegex", regex)))
                    .as(regex).isEmpty();
        }
    }

    @Test
    void unknownKeysAndEmptyPartsAreRefusedWithTheirPaths() {
        assertThat(problems(Map.of("GPU", Map.of()))).containsExactly(
                "GPU: unknown target; expected ON_CPU, OFF_CPU or NETWORK");
        assertThat(problems(Map.of("ON_CPU", Map.of("MEMORY", item("1", 1, 1))))).hasSize(1).first().asString()
                .startsWith("ON_CPU.MEMORY: unknown checker");
        assertThat(problems(Map.of("ON_CPU", Map.of()))).hasSize(1);
        assertThat(problems(Map.of())).hasSize(1);
        assertThat(problemsOf("ON_CPU", "PROCESS_CPU", with(item("80", 10, 5), "Threshold", "80")))
                .containsExactly("ON_CPU.PROCESS_CPU.Threshold: unknown field; expected threshold, period, count,"
                        + " uriList or uriRegex");
        assertThatThrownBy(() -> validator.validate(" ", Map.of("ON_CPU", Map.of("PROCESS_CPU", item("8", 1, 1)))))
                .isInstanceOfSatisfying(PolicyProblems.class, e ->
                        assertThat(e.problems()).containsExactly("service: must not be blank"));
    }

    @Test
    void everyProblemIsListedAtOnce() {
        assertThat(problems(Map.of("ON_CPU", Map.of("PROCESS_CPU", item("x", 0, 0)),
                "NETWORK", Map.of("HTTP_ERROR_RATE", with(item("500", 10, 5), "uriRegex", "(?=a)"))))).hasSize(5);
    }
}

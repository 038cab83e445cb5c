package io.groundstation.registry;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry's caps on in-memory counts: what counts against them, and what a refusal leaves behind. */
class RegistryLimitsTest {

    private static final long NOW = 1_000_000L;

    /** What storage would answer, and how often the services were counted. */
    private static final class Counts implements RegistryCounts {
        final Map<String, Long> aliveOfAgent = new HashMap<>();
        final Set<String> services = new HashSet<>();
        int serviceCounts;
        int serviceLookups;

        @Override
        public long countAliveProcessesOfAgent(String agentId, long aliveSince) {
            return aliveOfAgent.getOrDefault(agentId, 0L);
        }

        @Override
        public boolean hasService(String serviceName) {
            serviceLookups++;
            return services.contains(serviceName);
        }

        @Override
        public long countServices() {
            serviceCounts++;
            return services.size();
        }
    }

    private final Counts counts = new Counts();
    private final RegistryLimits limits = new RegistryLimits(3, 5);

    private static ProcessReport report(String service, String process) {
        return new ProcessReport(new ProcessEntity("K8S_SERVICE", service, service + "-0", process, List.of()),
                DetectType.KUBERNETES, 1, Map.of());
    }

    private static Map<String, ProcessReport> reports(String service, String... processes) {
        Map<String, ProcessReport> reports = new LinkedHashMap<>();
        for (String process : processes) {
            reports.put(Ids.processId(service, service + "-0", process), report(service, process));
        }
        return reports;
    }

    private static Map<String, RegisteredProcess> heldBy(String agentId, Map<String, ProcessReport> reports) {
        Map<String, RegisteredProcess> known = new HashMap<>();
        reports.forEach((id, r) -> known.put(id, new RegisteredProcess(id, r.entity(), r.detectType(), r.pid(),
                r.properties(), agentId, true, NOW, NOW, NOW)));
        return known;
    }

    private void check(String agentId, Map<String, ProcessReport> reports, Map<String, RegisteredProcess> known,
                       long now) {
        limits.check(agentId, reports, known, counts, now, now - 60_000);
    }

    @Test
    void anAgentReReportingWhatItHoldsIsNeverRefusedEvenAtTheCap() {
        Map<String, ProcessReport> held = reports("shop", "a", "b", "c", "d");
        counts.aliveOfAgent.put("agent-1", 4L);
        counts.services.add("shop");

        assertThatCode(() -> check("agent-1", held, heldBy("agent-1", held), NOW)).doesNotThrowAnyException();
    }

    @Test
    void newProcessesPastThePerAgentCapAreRefusedNamingTheSetting() {
        counts.services.add("shop");
        counts.aliveOfAgent.put("agent-1", 2L);
        assertThatCode(() -> check("agent-1", reports("shop", "a"), Map.of(), NOW)).doesNotThrowAnyException();

        assertThatThrownBy(() -> check("agent-1", reports("shop", "a", "b"), Map.of(), NOW))
                .isInstanceOf(RegistryFull.class)
                .hasMessage("agent agent-1 would hold 4 alive processes; limit.processes-per-agent is 3");
    }

    @Test
    void aProcessMovingFromAnotherAgentCountsAsNewToTheAgentReportingIt() {
        counts.services.add("shop");
        counts.aliveOfAgent.put("agent-2", 3L);
        Map<String, ProcessReport> moved = reports("shop", "a");

        assertThatThrownBy(() -> check("agent-2", moved, heldBy("agent-1", moved), NOW))
                .isInstanceOf(RegistryFull.class).hasMessageContaining("would hold 4");
    }

    @Test
    void newServicesPastTheCapAreRefusedAndARefusedReportTakesNoRoom() {
        counts.services.addAll(List.of("s1", "s2", "s3", "s4"));
        Map<String, ProcessReport> two = new LinkedHashMap<>(reports("new-a", "x"));
        two.putAll(reports("new-b", "y"));

        assertThatThrownBy(() -> check("agent-1", two, Map.of(), NOW)).isInstanceOf(RegistryFull.class)
                .hasMessage("2 new services would make 6; limit.services is 5");
        assertThatCode(() -> check("agent-1", reports("new-a", "x"), Map.of(), NOW))
                .as("the refused report's services were not counted").doesNotThrowAnyException();
        assertThatThrownBy(() -> check("agent-1", reports("new-b", "y"), Map.of(), NOW))
                .isInstanceOf(RegistryFull.class);
    }

    @Test
    void manyProcessesOfOneNewServiceCountAsOneService() {
        counts.services.addAll(List.of("s1", "s2", "s3", "s4"));

        assertThatCode(() -> check("agent-1", reports("new", "a", "b", "c"), Map.of(), NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void servicesSeenOnceAreNotLookedUpAgainAndTheCountIsReadAtMostOncePerTenSeconds() {
        check("agent-1", reports("shop", "a"), Map.of(), NOW);
        check("agent-1", reports("cart", "a"), Map.of(), NOW + 1);
        assertThat(counts.serviceCounts).isEqualTo(1);
        int lookups = counts.serviceLookups;

        check("agent-1", reports("shop", "b"), Map.of(), NOW + 2);
        assertThat(counts.serviceLookups).as("a known service costs no lookup").isEqualTo(lookups);

        check("agent-1", reports("web", "a"), Map.of(), NOW + 10_000);
        assertThat(counts.serviceCounts).as("counted again after ten seconds").isEqualTo(2);
    }
}

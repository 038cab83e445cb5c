package io.groundstation.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.bench.reply.PolicyJsonReader;
import io.groundstation.bench.reply.PolicyPayload;
import io.groundstation.bench.reply.ServicePolicy;
import io.groundstation.testing.harness.MutableClock;
import io.groundstation.testing.harness.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Which services a poll is answered with, and what the rollout records of it: PolicyService on in-memory ports. */
class PolicyServiceTest {

    private static final Map<String, Object> CPU = Map.of("ON_CPU",
            Map.of("PROCESS_CPU", Map.of("threshold", 80, "period", 10, "count", 5)));
    private static final Map<String, Object> HTTP = Map.of("NETWORK", Map.of("HTTP_ERROR_RATE",
            Map.of("threshold", 5, "period", 30, "count", 15, "uriRegex", "/api/.*")));
    private static final Duration RESEND_WINDOW = Duration.ofSeconds(20);

    private final MutableClock clock = new MutableClock(1_000_000_000L);
    /** What the cluster snapshot says gained processes recently (registrations through any node). */
    private final Set<String> registeredInCluster = new HashSet<>();
    private final MemoryPolicyStores.Rollout rolloutStore = new MemoryPolicyStores.Rollout();
    private final PolicyRollout rollout = new PolicyRollout(rolloutStore, Duration.ofSeconds(60), clock);
    private final PolicyService policies = new PolicyService(new MemoryPolicyStores.Policies(),
            new PolicyValidator(1024), since -> Set.copyOf(registeredInCluster), Duration.ofSeconds(2), RESEND_WINDOW,
            100, rollout, clock);
    private final Poller a = Poller.agent("agent-a");
    private final Poller b = Poller.agent("agent-b");

    @Test
    void aServiceThatGainedProcessesOfOneAgentIsResentToThatAgentOnly() {
        String shop = policies.put("shop", CPU).version();
        knownForAWindow(a, b);

        policies.servicesGainedProcesses("agent-a", Set.of("shop"));

        assertThat(sent(b, "shop", shop)).as("nothing new for agent-b").isEmpty();
        assertThat(sent(a, "shop", shop)).containsExactly("shop=" + shop);
        assertThat(sent(a, "shop", shop)).as("sent once").isEmpty();
    }

    @Test
    void newsWaitForThePollThatAsksForTheirService() {
        String shop = policies.put("shop", CPU).version();
        String cart = policies.put("cart", CPU).version();
        knownForAWindow(a);

        policies.servicesGainedProcesses("agent-a", Set.of("shop"));

        // Polled before the agent took in its new process of shop: shop is not in its query yet.
        assertThat(sent(a, "cart", cart)).isEmpty();
        assertThat(sent(a, "cart", cart, "shop", shop)).containsExactly("shop=" + shop);
    }

    @Test
    void newsOfAServiceWithoutAPolicyAreDroppedAndAPolicyAddedLaterIsSentByItsVersion() {
        knownForAWindow(a);
        policies.servicesGainedProcesses("agent-a", Set.of("shop"));
        assertThat(sent(a, "shop", "")).isEmpty();

        String shop = policies.put("shop", CPU).version();
        assertThat(sent(a, "shop", "")).containsExactly("shop=" + shop);
        assertThat(sent(a, "shop", shop)).isEmpty();
    }

    @Test
    void aPollerNobodyCanNameGetsEveryServiceThatGainedProcessesOfAnyAgentWithinTheWindow() {
        String shop = policies.put("shop", CPU).version();
        knownForAWindow(a);
        policies.servicesGainedProcesses("agent-a", Set.of("shop"));

        assertThat(sent(Poller.SHARED_CONNECTION, "shop", shop)).containsExactly("shop=" + shop);
        assertThat(sent(Poller.UNNAMED_CONNECTION, "shop", shop)).as("again: nobody can say it was sent")
                .containsExactly("shop=" + shop);
        clock.advance(RESEND_WINDOW.plusSeconds(1));
        assertThat(sent(Poller.SHARED_CONNECTION, "shop", shop)).isEmpty();
    }

    @Test
    void anAgentNewToThisNodeGetsWhatAnyAgentRegisteredForOneWindow() {
        String shop = policies.put("shop", CPU).version();
        // Registered through another node, perhaps by this very agent before its connection moved here.
        registeredInCluster.add("shop");
        clock.advance(Duration.ofSeconds(3));

        assertThat(sent(a, "shop", shop)).containsExactly("shop=" + shop);
        clock.advance(RESEND_WINDOW);
        assertThat(sent(a, "shop", shop)).as("known here for a window: only its own news count").isEmpty();
    }

    @Test
    void aResendToOneAgentRespellsItsUriFiltersAndLeavesOtherAgentsAlone() {
        String shop = policies.put("shop", CPU).version();
        String api = policies.put("api", HTTP).version();
        knownForAWindow(a, b);
        policies.servicesGainedProcesses("agent-a", Set.of("shop"));

        assertThat(sent(b, "shop", shop, "api", api)).isEmpty();
        assertThat(sent(a, "shop", shop, "api", api)).containsExactly("shop=" + shop, "api=" + api + "-v1");
    }

    @Test
    void aReplyRemovesTheUriFilteredPolicyOfAServiceTheAgentNoLongerAsksAbout() {
        String shop = policies.put("shop", CPU).version();
        String api = policies.put("api", HTTP).version();
        knownForAWindow(a);
        assertThat(sent(a, "shop", shop, "api", api)).isEmpty();

        // Its api pods are gone, but Rover keeps api's policy and would re-sync it with an unchanged URI filter.
        policies.servicesGainedProcesses("agent-a", Set.of("shop"));
        assertThat(sent(a, "shop", shop)).containsExactly("shop=" + shop, "api=");
        policies.servicesGainedProcesses("agent-a", Set.of("shop"));
        assertThat(sent(a, "shop", shop)).as("removed once").containsExactly("shop=" + shop);
    }

    @Test
    void theRolloutRecordsWhatKnownAgentsHoldAndWritesOnlyChanges() {
        String older = policies.put("shop", CPU).version();
        String current = policies.put("shop", Map.of("ON_CPU",
                Map.of("PROCESS_CPU", Map.of("threshold", 90, "period", 10, "count", 5)))).version();
        policies.answer(a, List.of(new HeldPolicy("shop", current + "-v1")));
        policies.answer(b, List.of(new HeldPolicy("shop", older)));
        policies.answer(Poller.SHARED_CONNECTION, List.of(new HeldPolicy("shop", "")));

        Rollout shop = policies.rollout("shop");
        assertThat(shop.version()).isEqualTo(current);
        assertThat(shop.agents()).extracting(AgentHolding::agentId, AgentHolding::holds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("agent-a", current),
                        org.assertj.core.groups.Tuple.tuple("agent-b", older));
        assertThat(shop.current()).isEqualTo(1);
        assertThat(shop.stale()).isEqualTo(1);

        assertThat(rollout.flush().agents()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(10));
        policies.answer(a, List.of(new HeldPolicy("shop", current)));
        assertThat(rollout.flush().agents()).as("same version, poll time stored 10 s ago").isZero();
        clock.advance(Duration.ofSeconds(5));
        policies.answer(a, List.of(new HeldPolicy("shop", current)));
        assertThat(rollout.flush().agents()).as("poll time stored a quarter window ago").isEqualTo(1);
        policies.answer(b, List.of(new HeldPolicy("shop", current)));
        assertThat(rollout.flush().agents()).as("agent-b now holds another version").isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        assertThat(policies.rollout("shop").agents()).as("nobody polled within the liveness window").isEmpty();
        assertThat(rollout.purge()).isEqualTo(2);
    }

    @Test
    void anAgentIsAnsweredWhenWhatItHoldsDiffersFromTheCurrentVersionAndOnlyThen() {
        knownForAWindow(a);
        String first = policies.put("shop", CPU).version();

        assertThat(sent(a, "shop", "")).containsExactly("shop=" + first);
        assertThat(sent(a, "shop", first)).as("holds the current version").isEmpty();

        String second = policies.put("shop", Map.of("OFF_CPU",
                Map.of("SYSTEM_LOAD", Map.of("threshold", 2.5, "period", 10, "count", 5)))).version();
        assertThat(sent(a, "shop", first)).containsExactly("shop=" + second);

        policies.delete("shop");
        assertThat(sent(a, "shop", second)).as("the removal: no Profiling, UUID \"\"").containsExactly("shop=");
        assertThat(sent(a, "shop", "")).as("holds none, none is current").isEmpty();
    }

    @Test
    void everyAnswerReadsAsTheAgentReadsItWithNothingMisread() {
        knownForAWindow(a);
        String cpu = policies.put("shop", CPU).version();
        String http = policies.put("cart", HTTP).version();
        policies.put("gone", CPU);
        String gone = policies.get("gone").orElseThrow().version();
        policies.delete("gone");

        String answer = policies.answer(a, List.of(new HeldPolicy("shop", ""), new HeldPolicy("cart", http),
                new HeldPolicy("gone", gone))).orElseThrow();

        PolicyPayload read = new PolicyJsonReader().read(answer);
        assertThat(read.misreads()).isEmpty();
        assertThat(read.services()).extracting(ServicePolicy::serviceName, ServicePolicy::uuid)
                .containsExactly(tuple("shop", cpu), tuple("cart", http + "-v1"), tuple("gone", ""));
        assertThat(read.services().get(1).profiling().get("NETWORK").get("HTTP_ERROR_RATE").uriRegex())
                .as("spelled other than the agent holds it").isEqualTo("(?:/api/.*)");
        assertThat(read.services().get(2).profiling()).isEmpty();
    }

    /** Both agents have been heard here for longer than the re-send window, so their own news are all there is. */
    private void knownForAWindow(Poller... pollers) {
        for (Poller poller : pollers) {
            policies.answer(poller, List.of());
        }
        clock.advance(RESEND_WINDOW.plusSeconds(1));
    }

    /** The services in the answer to a poll, each as "service=UUID". */
    private List<String> sent(Poller poller, String... servicesAndVersions) {
        List<HeldPolicy> held = new ArrayList<>();
        for (int i = 0; i < servicesAndVersions.length; i += 2) {
            held.add(new HeldPolicy(servicesAndVersions[i], servicesAndVersions[i + 1]));
        }
        Optional<String> answer = policies.answer(poller, held);
        List<String> services = new ArrayList<>();
        answer.ifPresent(json -> {
            for (JsonNode service : TestServer.readJson(json)) {
                services.add(service.get("ServiceName").asText() + "=" + service.get("UUID").asText());
            }
        });
        return services;
    }
}

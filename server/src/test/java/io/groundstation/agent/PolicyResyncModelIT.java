package io.groundstation.agent;

import io.groundstation.bench.reply.Misread;
import io.groundstation.policy.PolicyVersion;
import io.groundstation.testing.fixtures.AgentReplies;
import io.groundstation.testing.fixtures.PolicyPollingAgent;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long random sequences of policy edits, removals, new processes and agent restarts against the real server, with
 * a model of Rover's re-sync (protocol.md §4) checked after every reply: no rebuilt item ever keeps its URI filter
 * text (which would crash the agent or widen its regex), and every agent converges to the current policies.
 */
class PolicyResyncModelIT {

    private static final String[] SERVICES = {"shop", "cart", "auth"};
    private static final int AGENTS = 3;
    private static final int STEPS = 400;

    @TempDir
    Path data;

    @Test
    void noAgentEverRebuildsAnItemFromAnUnchangedUriFilter() {
        for (long seed = 1; seed <= 3; seed++) {
            runSequence(seed);
        }
    }

    private void runSequence(long seed) {
        Random random = new Random(seed);
        try (TestServer server = TestServer.start(data.resolve("seed-" + seed))) {
            List<PolicyPollingAgent> agents = new ArrayList<>();
            List<Integer> generations = new ArrayList<>();
            Map<String, Integer> processCounts = new HashMap<>();
            for (int a = 0; a < AGENTS; a++) {
                agents.add(new PolicyPollingAgent());
                generations.add(0);
            }
            List<Misread> defects = new ArrayList<>();
            for (int step = 0; step < STEPS; step++) {
                int agent = random.nextInt(AGENTS);
                int action = random.nextInt(100);
                if (action < 15) {
                    editPolicy(server, SERVICES[random.nextInt(SERVICES.length)], random);
                } else if (action < 20) {
                    server.send("DELETE", "/api/policies/" + SERVICES[random.nextInt(SERVICES.length)], null, null);
                } else if (action < 35) {
                    String service = SERVICES[random.nextInt(SERVICES.length)];
                    int n = processCounts.merge(service + agent, 1, Integer::sum);
                    register(server, agents.get(agent), "agent-" + agent + "-" + generations.get(agent), agent,
                            service, "proc-" + n);
                } else if (action < 38) {
                    // Restart: a new agent id, an empty cache, every process reported again.
                    PolicyPollingAgent before = agents.get(agent);
                    PolicyPollingAgent restarted = new PolicyPollingAgent();
                    generations.set(agent, generations.get(agent) + 1);
                    for (String service : before.services()) {
                        for (int n = 1; n <= processCounts.getOrDefault(service + agent, 0); n++) {
                            register(server, restarted, "agent-" + agent + "-" + generations.get(agent), agent,
                                    service, "proc-" + n);
                        }
                    }
                    agents.set(agent, restarted);
                } else if (action < 45) {
                    server.clock().advance(Duration.ofSeconds(1 + random.nextInt(15)));
                } else {
                    defects.addAll(poll(server, agents.get(agent)));
                }
            }
            assertThat(defects).as("seed %d: items rebuilt from an unchanged URI filter", seed).isEmpty();

            server.clock().advance(Duration.ofMinutes(1));
            for (PolicyPollingAgent agent : agents) {
                assertThat(poll(server, agent)).isEmpty();
                assertThat(poll(server, agent)).isEmpty();
                for (String service : agent.services()) {
                    String current = server.get("/api/policies/" + service).statusCode() == 200
                            ? server.getJson("/api/policies/" + service).get("version").asText() : "";
                    assertThat(PolicyVersion.parse(agent.cache().heldUuid(service)).base())
                            .as("seed %d, %s converged", seed, service).isEqualTo(current);
                }
                assertThat(AgentReplies.policies(agent.send(server.channel())))
                        .as("seed %d: a converged agent gets an empty reply", seed).isEmpty();
            }
        }
    }

    private static void editPolicy(TestServer server, String service, Random random) {
        String httpItem = switch (random.nextInt(3)) {
            case 0 -> "\"uriList\": [\"/a\", \"/b" + random.nextInt(2) + "\"]";
            case 1 -> "\"uriRegex\": \"/api/v" + random.nextInt(2) + "/.*\"";
            default -> "\"uriRegex\": \"(?:/x)\"";
        };
        String body = "{\"targets\": {\"ON_CPU\": {\"PROCESS_CPU\": {\"threshold\": " + (50 + random.nextInt(3))
                + ", \"period\": 10, \"count\": 5}}"
                + (random.nextInt(4) == 0 ? "" : ", \"NETWORK\": {\"HTTP_ERROR_RATE\": {\"threshold\": 5,"
                + " \"period\": 10, \"count\": 3, " + httpItem + "}}") + "}}";
        assertThat(server.send("PUT", "/api/policies/" + service, body, null).statusCode()).isEqualTo(200);
    }

    private static void register(TestServer server, PolicyPollingAgent model, String agentId, int agent,
                                 String service, String process) {
        EBPFProcessServiceGrpc.newBlockingStub(server.channel()).reportProcesses(EBPFProcessReportList.newBuilder()
                .setEbpfAgentID(agentId).addProcesses(k8s(entity("K8S_SERVICE", service, "pod-" + agent, process),
                        1, process)).build());
        model.register(service, process);
    }

    private static List<Misread> poll(TestServer server, PolicyPollingAgent agent) {
        if (agent.services().isEmpty()) {
            return List.of();
        }
        return agent.poll(server.channel(), server.clock().millis());
    }
}

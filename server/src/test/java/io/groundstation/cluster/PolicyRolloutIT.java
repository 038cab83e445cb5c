package io.groundstation.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import io.groundstation.jobs.ClusterJob;
import io.groundstation.jobs.Termination;
import io.groundstation.policy.RolloutWrites;
import io.groundstation.testing.harness.MutableClock;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingPolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServicePolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingTaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.groundstation.testing.fixtures.Policies.CPU_OVER_80;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/policies/{service}/rollout on two nodes of one database: agents polling either node are counted by the
 * version they say they hold, and one that stopped polling drops out after the liveness window (60 s).
 */
@OnEveryDatabase
class PolicyRolloutIT {

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private final List<ManagedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
            Termination.awaitUpTo(Duration.ofSeconds(5), channel::awaitTermination);
        }
    }

    @Test
    void agentsPollingEitherNodeAreCountedByTheVersionTheyHoldAndDropOutWhenTheyStop() {
        onTwoNodes((a, b, clock) -> {
            String older = version(a.send("PUT", "/api/policies/shop", CPU_OVER_80, null).body());
            String current = version(a.send("PUT", "/api/policies/shop", CPU_OVER_80.replace("80", "90"), null).body());
            ManagedChannel upToDate = connect(a, "agent-current");
            ManagedChannel behind = connect(b, "agent-older");
            ManagedChannel fresh = connect(a, "agent-none");

            poll(upToDate, "shop", current + "-v1");
            poll(behind, "shop", older);
            poll(fresh, "shop", "");
            poll(connect(b, null), "shop", older);
            assertThat(flushedAgents(a) + flushedAgents(b))
                    .isEqualTo(3);
            long polledAt = clock.millis();

            for (TestServer node : List.of(a, b)) {
                JsonNode rollout = node.getJson("/api/policies/shop/rollout");
                assertThat(rollout.get("version").asText()).isEqualTo(current);
                assertThat(rollout.get("current").asInt()).isEqualTo(1);
                assertThat(rollout.get("stale").asInt()).as("older and none; the unnamed connection is not counted")
                        .isEqualTo(2);
                assertThat(rollout.get("agents")).extracting(agent -> agent.get("agent").asText() + "="
                        + agent.get("holds").asText() + "@" + agent.get("lastPolledAt").asLong())
                        .containsExactly("agent-current=" + current + "@" + polledAt,
                                "agent-none=@" + polledAt, "agent-older=" + older + "@" + polledAt);
            }

            clock.advance(Duration.ofSeconds(10));
            poll(upToDate, "shop", current);
            poll(behind, "shop", older);
            assertThat(flushedAgents(a) + flushedAgents(b))
                    .as("nothing changed: polls are kept in memory").isZero();
            poll(behind, "shop", current);
            assertThat(flushedAgents(b)).as("what the agent holds changed").isEqualTo(1);
            assertThat(a.getJson("/api/policies/shop/rollout").get("current").asInt()).isEqualTo(2);

            // Only agent-current keeps polling, now through the other node.
            for (int second = 10; second <= 70; second += 10) {
                clock.advance(Duration.ofSeconds(10));
                poll(connect(b, "agent-current"), "shop", current);
                a.server().parts().policyRollout().flush();
                b.server().parts().policyRollout().flush();
            }
            for (TestServer node : List.of(a, b)) {
                JsonNode rollout = node.getJson("/api/policies/shop/rollout");
                assertThat(rollout.get("agents")).extracting(agent -> agent.get("agent").asText())
                        .containsExactly("agent-current");
                assertThat(rollout.get("current").asInt()).isEqualTo(1);
                assertThat(rollout.get("stale").asInt()).isZero();
            }
            assertThat(a.server().parts().jobs().runIfLeaseHolder(ClusterJob.ROLLOUT_PURGE)).isTrue();
            assertThat(b.getJson("/api/policies/shop/rollout").get("agents")).hasSize(1);
            assertThat(a.getJson("/api/policies/cart/rollout").toString())
                    .isEqualTo("{\"version\":\"\",\"current\":0,\"stale\":0,\"agents\":[]}");
        });
    }

    @Test
    void anAgentsPollsStoreItsTimeAndItsHoldingsOnlyWhenTheyChangeAndAnOlderPollFromAnotherNodeChangesNothing() {
        onTwoNodes((a, b, clock) -> {
            String shop = version(a.send("PUT", "/api/policies/shop", CPU_OVER_80, null).body());
            ManagedChannel viaA = connect(a, "agent-1");

            poll(viaA, "shop", shop, "cart", "");
            assertThat(a.server().parts().policyRollout().flush()).as("the agent row and its two holdings")
                    .isEqualTo(new RolloutWrites(1, 2));
            clock.advance(Duration.ofSeconds(15));
            poll(viaA, "shop", shop, "cart", "");
            assertThat(a.server().parts().policyRollout().flush()).as("a quarter window later, only the agent's time")
                    .isEqualTo(new RolloutWrites(1, 0));
            long stillBoth = clock.millis();
            assertThat(agents(b, "cart")).containsExactly("agent-1=@" + stillBoth);

            clock.advance(Duration.ofSeconds(5));
            poll(viaA, "shop", shop);
            assertThat(a.server().parts().policyRollout().flush()).as("cart dropped: its holding deleted, no other row")
                    .isEqualTo(new RolloutWrites(1, 1));
            long shopOnly = clock.millis();
            for (TestServer node : List.of(a, b)) {
                assertThat(agents(node, "cart")).as("no longer asks about cart").isEmpty();
                assertThat(agents(node, "shop")).containsExactly("agent-1=" + shop + "@" + shopOnly);
            }

            // A poll through node A, then a later one through node B; B writes first, A's older poll comes after.
            clock.advance(Duration.ofSeconds(10));
            poll(viaA, "shop", "");
            clock.advance(Duration.ofSeconds(1));
            poll(connect(b, "agent-1"), "shop", shop, "cart", "");
            long later = clock.millis();
            assertThat(b.server().parts().policyRollout().flush()).as("cart again").isEqualTo(new RolloutWrites(1, 1));
            assertThat(a.server().parts().policyRollout().flush()).as("older, other holdings: nothing changes")
                    .isEqualTo(new RolloutWrites(1, 0));
            for (TestServer node : List.of(a, b)) {
                assertThat(agents(node, "shop")).containsExactly("agent-1=" + shop + "@" + later);
                assertThat(agents(node, "cart")).containsExactly("agent-1=@" + later);
            }

            clock.advance(Duration.ofSeconds(61));
            assertThat(a.server().parts().policyRollout().purge()).as("the agent, with its holdings").isEqualTo(1);
            assertThat(b.server().parts().policyRollout().purge()).isZero();
            for (TestServer node : List.of(a, b)) {
                assertThat(agents(node, "shop")).isEmpty();
                assertThat(agents(node, "cart")).isEmpty();
            }
        });
    }

    private interface TwoNodes {
        void test(TestServer a, TestServer b, MutableClock clock);
    }

    /** Two nodes of one database on one clock; the test flushes the rollout itself (a scheduled one would race it). */
    private void onTwoNodes(TwoNodes test) {
        Map<Setting<?>, String> shared = new HashMap<>(database.create(dir));
        shared.put(Settings.ROLLOUT_FLUSH_INTERVAL, "1h");
        MutableClock clock = MutableClock.atNow();
        try (TestServer a = TestServer.start(dir.resolve("node-a"), shared, clock);
             TestServer b = TestServer.start(dir.resolve("node-b"), shared, clock)) {
            test.test(a, b, clock);
        }
    }

    /** The agents the rollout shows for a service, as agent=holds@lastPolledAt. */
    private static List<String> agents(TestServer node, String service) {
        List<String> agents = new ArrayList<>();
        node.getJson("/api/policies/" + service + "/rollout").get("agents").forEach(agent -> agents.add(
                agent.get("agent").asText() + "=" + agent.get("holds").asText() + "@"
                        + agent.get("lastPolledAt").asLong()));
        return agents;
    }

    /** A poll naming services and the versions held, as pairs. */
    private static void poll(ManagedChannel channel, String... serviceAndHeld) {
        ContinuousProfilingPolicyQuery.Builder query = ContinuousProfilingPolicyQuery.newBuilder();
        for (int i = 0; i < serviceAndHeld.length; i += 2) {
            query.addPolicies(ContinuousProfilingServicePolicyQuery.newBuilder().setServiceName(serviceAndHeld[i])
                    .setUuid(serviceAndHeld[i + 1]));
        }
        ContinuousProfilingServiceGrpc.newBlockingStub(channel).queryPolicies(query.build());
    }

    /** Writes the node's buffered rollout now; how many agents' rows it wrote. */
    private static int flushedAgents(TestServer node) {
        return node.server().parts().policyRollout().flush().agents();
    }

    private static String version(String body) {
        return TestServer.readJson(body).get("version").asText();
    }

    /** A connection of its own, named by a queryTasks as Rover's first call of each loop names it (null: unnamed). */
    private ManagedChannel connect(TestServer node, String agentId) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", node.server().grpcPort())
                .usePlaintext().build();
        channels.add(channel);
        if (agentId != null) {
            EBPFProfilingServiceGrpc.newBlockingStub(channel).queryTasks(EBPFProfilingTaskQuery.newBuilder()
                    .setRoverInstanceId(agentId).build());
        }
        return channel;
    }

}

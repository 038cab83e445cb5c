package io.groundstation.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.config.Settings;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.TestCluster;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static io.groundstation.testing.fixtures.Protos.ping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Liveness by agent (docs/design.md): Rover's rounds write one agent row each in steady state, only a process that
 * appears or disappears is written, and every process's last seen is exactly the time it was last named, on one
 * node or when the calls of one round land on two.
 */
@OnEveryDatabase
class HeartbeatLivenessIT {

    private static final Duration ROUND = Duration.ofSeconds(20);

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    @Test
    void roverRoundsMoveOneAgentRowAndOnlyChangesWriteProcesses() {
        try (TestServer server = TestServer.start(dir, database, Map.of(Settings.PING_FLUSH_INTERVAL, "1h",
                Settings.LIVENESS_WINDOW, "60s"))) {
            EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub agent =
                    EBPFProcessServiceGrpc.newBlockingStub(server.channel());
            List<EBPFProcessEntityMetadata> pods = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                pods.add(entity("K8S_SERVICE", "shop", "pod-" + i, "app"));
            }
            // Round 1: everything is new, so Rover only reports.
            agent.reportProcesses(report(pods));
            server.server().parts().registry().flushPings();
            for (int round = 2; round <= 9; round++) {
                server.clock().advance(ROUND);
                agent.keepAlive(keepAlive(pods));
                server.server().parts().registry().flushPings();
            }
            assertThat(writes(server, "digest")).as("after the first, each round is one agent row").isEqualTo(7);
            assertThat(writes(server, "reconciled")).as("the registration changed the held set").isEqualTo(1);
            assertThat(processRowsByHeartbeats(server)).isZero();
            long round9 = server.clock().millis();
            for (EBPFProcessEntityMetadata pod : pods) {
                assertThat(process(server, pod).get("lastSeen").asLong()).isEqualTo(round9);
            }

            // A pod goes away: the agent stops naming it, and it was last seen in round 9.
            EBPFProcessEntityMetadata gone = pods.remove(4);
            server.clock().advance(ROUND);
            agent.keepAlive(keepAlive(pods));
            server.server().parts().registry().flushPings();
            assertThat(processRowsByHeartbeats(server)).as("one process released").isEqualTo(1);
            assertThat(process(server, gone).get("lastSeen").asLong()).isEqualTo(round9);
            assertThat(process(server, pods.get(0)).get("lastSeen").asLong()).isEqualTo(round9 + 20_000);

            // A new pod: reported, then the others kept alive, in one round.
            EBPFProcessEntityMetadata fresh = entity("K8S_SERVICE", "shop", "pod-9", "app");
            server.clock().advance(ROUND);
            long round11 = server.clock().millis();
            agent.reportProcesses(report(List.of(fresh)));
            server.clock().advance(Duration.ofMillis(30));
            agent.keepAlive(keepAlive(pods));
            server.server().parts().registry().flushPings();
            assertThat(processRowsByHeartbeats(server)).as("the new one was written by its report").isEqualTo(1);
            pods.add(fresh);
            for (EBPFProcessEntityMetadata pod : pods) {
                assertThat(process(server, pod).get("lastSeen").asLong()).as("the round counts from its report")
                        .isEqualTo(round11);
            }

            // Every 10th round Rover re-reports everything instead of keeping it alive: a heartbeat too.
            server.clock().advance(ROUND);
            long digestBefore = writes(server, "digest");
            agent.keepAlive(keepAlive(pods));
            server.server().parts().registry().flushPings();
            server.clock().advance(ROUND);
            agent.reportProcesses(report(pods));
            server.server().parts().registry().flushPings();
            assertThat(writes(server, "digest")).isEqualTo(digestBefore + 2);
            assertThat(processRowsByHeartbeats(server)).isEqualTo(1);
            long last = server.clock().millis();

            server.clock().advance(Duration.ofSeconds(60));
            assertThat(process(server, pods.get(0)).get("state").asText()).isEqualTo("ALIVE");
            assertThat(process(server, gone).get("state").asText()).isEqualTo("DEAD");
            assertThat(server.getJson("/api/processes?service=shop&state=alive").get("total").asLong()).isEqualTo(5);
            assertThat(server.getJson("/api/agents").get(0).get("aliveProcesses").asLong()).isEqualTo(5);
            server.clock().advance(Duration.ofMillis(1));
            assertThat(process(server, pods.get(0)).get("state").asText()).isEqualTo("DEAD");
            assertThat(process(server, pods.get(0)).get("lastSeen").asLong()).isEqualTo(last);
            assertThat(server.getJson("/api/services").get(0).get("aliveProcesses").asLong()).isZero();
        }
    }

    @Test
    void anAgentRestartMovesItsProcessesToTheNewAgentAndTheOldOneHoldsNothing() {
        try (TestServer server = TestServer.start(dir, database, Map.of(Settings.PING_FLUSH_INTERVAL, "1h"))) {
            EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub stub =
                    EBPFProcessServiceGrpc.newBlockingStub(server.channel());
            List<EBPFProcessEntityMetadata> pods = List.of(entity("K8S_SERVICE", "shop", "pod-0", "app"),
                    entity("K8S_SERVICE", "shop", "pod-1", "app"));
            stub.reportProcesses(report("before", pods));
            server.clock().advance(ROUND);
            stub.keepAlive(keepAlive("before", pods));
            server.server().parts().registry().flushPings();

            server.clock().advance(ROUND);
            stub.reportProcesses(report("after", pods));
            server.clock().advance(ROUND);
            stub.keepAlive(keepAlive("after", pods));
            server.server().parts().registry().flushPings();
            long last = server.clock().millis();

            for (EBPFProcessEntityMetadata pod : pods) {
                JsonNode process = process(server, pod);
                assertThat(process.get("agentId").asText()).isEqualTo("after");
                assertThat(process.get("lastSeen").asLong()).isEqualTo(last);
            }
            JsonNode agents = server.getJson("/api/agents");
            assertThat(agents).hasSize(2);
            for (JsonNode agent : agents) {
                assertThat(agent.get("aliveProcesses").asInt()).as(agent.get("id").asText())
                        .isEqualTo(agent.get("id").asText().equals("after") ? 2 : 0);
            }
        }
    }

    @Test
    void theCallsOfOneRoundOnTwoNodesKeepLivenessExact() {
        assumeTrue(database == TestDatabase.POSTGRESQL, "several nodes share a PostgreSQL database");
        try (TestCluster cluster = TestCluster.start(dir, 2)) {
            TestServer a = cluster.node(0);
            TestServer b = cluster.node(1);
            List<EBPFProcessEntityMetadata> pods = new ArrayList<>(List.of(entity("K8S_SERVICE", "shop", "pod-0",
                    "app"), entity("K8S_SERVICE", "shop", "pod-1", "app")));
            EBPFProcessServiceGrpc.newBlockingStub(a.channel()).reportProcesses(report(pods));
            cluster.clock().advance(ROUND);
            EBPFProcessServiceGrpc.newBlockingStub(b.channel()).keepAlive(keepAlive(pods));
            flush(a, b);

            EBPFProcessEntityMetadata fresh = entity("K8S_SERVICE", "shop", "pod-2", "app");
            cluster.clock().advance(ROUND);
            long reportedAt = cluster.clock().millis();
            EBPFProcessServiceGrpc.newBlockingStub(a.channel()).reportProcesses(report(List.of(fresh)));
            EBPFProcessServiceGrpc.newBlockingStub(b.channel()).keepAlive(keepAlive(pods));
            flush(a, b);
            for (TestServer node : List.of(a, b)) {
                for (EBPFProcessEntityMetadata pod : List.of(pods.get(0), pods.get(1), fresh)) {
                    assertThat(process(node, pod).get("lastSeen").asLong()).isEqualTo(reportedAt);
                }
            }

            pods.add(fresh);
            cluster.clock().advance(ROUND);
            long keptAt = cluster.clock().millis();
            EBPFProcessServiceGrpc.newBlockingStub(a.channel()).keepAlive(keepAlive(pods.subList(1, 3)));
            flush(a, b);
            for (TestServer node : List.of(a, b)) {
                assertThat(process(node, pods.get(0)).get("lastSeen").asLong()).as("no longer named")
                        .isEqualTo(reportedAt);
                assertThat(process(node, pods.get(1)).get("lastSeen").asLong()).isEqualTo(keptAt);
                assertThat(process(node, pods.get(2)).get("lastSeen").asLong()).isEqualTo(keptAt);
            }
        }
    }

    private static void flush(TestServer... nodes) {
        for (TestServer node : nodes) {
            node.server().parts().registry().flushPings();
        }
    }

    private static JsonNode process(TestServer server, EBPFProcessEntityMetadata pod) {
        return server.getJson("/api/processes/" + Ids.processId(pod.getServiceName(), pod.getInstanceName(),
                pod.getProcessName()));
    }

    private static long writes(TestServer server, String path) {
        return (long) server.metrics().valueOrZero("groundstation_heartbeats_applied_total", "path", path);
    }

    private static long processRowsByHeartbeats(TestServer server) {
        return (long) server.metrics().valueOrZero("groundstation_registry_rows_written_total",
                "table", "process", "cause", "heartbeat");
    }

    private static EBPFProcessReportList report(List<EBPFProcessEntityMetadata> pods) {
        return report("agent-1", pods);
    }

    private static EBPFProcessReportList report(String agentId, List<EBPFProcessEntityMetadata> pods) {
        EBPFProcessReportList.Builder report = EBPFProcessReportList.newBuilder().setEbpfAgentID(agentId);
        for (EBPFProcessEntityMetadata pod : pods) {
            report.addProcesses(k8s(pod, 100 + Math.floorMod(pod.getInstanceName().hashCode(), 100), "app --port 80"));
        }
        return report.build();
    }

    private static EBPFProcessPingPkgList keepAlive(List<EBPFProcessEntityMetadata> pods) {
        return keepAlive("agent-1", pods);
    }

    private static EBPFProcessPingPkgList keepAlive(String agentId, List<EBPFProcessEntityMetadata> pods) {
        EBPFProcessPingPkgList.Builder pings = EBPFProcessPingPkgList.newBuilder().setEbpfAgentID(agentId);
        for (EBPFProcessEntityMetadata pod : pods) {
            pings.addProcesses(ping(pod, true));
        }
        return pings.build();
    }
}

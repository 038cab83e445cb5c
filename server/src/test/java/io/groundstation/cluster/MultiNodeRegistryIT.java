package io.groundstation.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.testing.harness.MutableClock;
import io.groundstation.testing.harness.PerTestCluster;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static io.groundstation.testing.fixtures.Protos.ping;
import static org.assertj.core.api.Assertions.assertThat;

/** Several nodes on one PostgreSQL database behave as one backend for the process registry. */
class MultiNodeRegistryIT {

    private static final EBPFProcessEntityMetadata SQRT = entity("GENERAL", "sqrt", "pod-1", "sqrt");

    /** One node on the cluster's clock; each test starts the other it needs, on that clock or a skewed one. */
    @RegisterExtension
    final PerTestCluster cluster = new PerTestCluster(1);

    @Test
    void aProcessRegisteredThroughOneNodeAndKeptAliveThroughAnotherIsOneAliveProcess(TestServer a) {
        TestServer b = cluster.get().addNode(cluster.dir().resolve("b"));
        String id = report(a, "agent-1", SQRT);

        cluster.get().clock().advance(Duration.ofSeconds(40));
        keepAlive(b, "agent-1", SQRT);
        long pingedAt = cluster.get().clock().millis();
        b.server().parts().registry().flushPings();
        // Past the 60 s liveness window of the registration: only B's ping keeps it alive.
        cluster.get().clock().advance(Duration.ofSeconds(40));

        for (TestServer node : List.of(a, b)) {
            JsonNode process = node.getJson("/api/processes/" + id);
            assertThat(process.get("state").asText()).isEqualTo("ALIVE");
            assertThat(process.get("lastSeen").asLong()).isEqualTo(pingedAt);
            assertThat(node.getJson("/api/processes?service=sqrt").get("total").asLong()).isEqualTo(1);
            JsonNode agents = node.getJson("/api/agents");
            assertThat(agents).hasSize(1);
            assertThat(agents.get(0).get("lastSeen").asLong()).isEqualTo(pingedAt);
        }
    }

    @Test
    void lastSeenNeverMovesBackwardsWhenASlowerNodeWritesLater(TestServer ahead) {
        try (TestServer behind = TestServer.start(cluster.dir().resolve("behind"), cluster.get().database(),
                new MutableClock(cluster.get().clock().millis() - 20_000))) {
            String id = report(ahead, "agent-old", SQRT);
            long newest = cluster.get().clock().millis();

            keepAlive(ahead, "agent-new", SQRT);
            ahead.server().parts().registry().flushPings();
            keepAlive(behind, "agent-old", SQRT);
            behind.server().parts().registry().flushPings();
            JsonNode pinged = ahead.getJson("/api/processes/" + id);
            assertThat(pinged.get("lastSeen").asLong()).isEqualTo(newest);
            assertThat(pinged.get("agentId").asText()).as("the newest ping's agent").isEqualTo("agent-new");

            report(behind, "agent-old", SQRT);
            assertThat(ahead.getJson("/api/processes/" + id).get("lastSeen").asLong()).isEqualTo(newest);
            JsonNode agents = ahead.getJson("/api/agents");
            for (JsonNode agent : agents) {
                assertThat(agent.get("lastSeen").asLong()).as(agent.get("id").asText()).isEqualTo(newest);
            }
        }
    }

    @Test
    void overlappingFlushesFromTwoNodesKeepTheNewestAndDoNotDeadlock(TestServer first) {
        try (TestServer other = TestServer.start(cluster.dir().resolve("other"), cluster.get().database(),
                MutableClock.atNow())) {
            List<EBPFProcessEntityMetadata> fleet = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                fleet.add(entity("GENERAL", "svc", "pod-" + i, "proc"));
            }
            report(first, "agent-1", fleet.toArray(EBPFProcessEntityMetadata[]::new));
            for (int round = 0; round < 5; round++) {
                first.clock().advance(Duration.ofSeconds(20));
                other.clock().advance(Duration.ofSeconds(round % 2 == 0 ? 30 : 10));
                keepAlive(first, "agent-1", fleet.toArray(EBPFProcessEntityMetadata[]::new));
                keepAlive(other, "agent-2", fleet.toArray(EBPFProcessEntityMetadata[]::new));
                CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> first.server().parts().registry().flushPings()),
                        CompletableFuture.runAsync(() -> other.server().parts().registry().flushPings())).join();
            }
            long newest = Math.max(first.clock().millis(), other.clock().millis());
            JsonNode page = first.getJson("/api/processes?service=svc&limit=500");
            assertThat(page.get("total").asLong()).isEqualTo(300);
            for (JsonNode process : page.get("items")) {
                assertThat(process.get("lastSeen").asLong()).isEqualTo(newest);
            }
        }
    }

    private static String report(TestServer node, String agentId, EBPFProcessEntityMetadata... entities) {
        EBPFProcessReportList.Builder request = EBPFProcessReportList.newBuilder().setEbpfAgentID(agentId);
        for (int i = 0; i < entities.length; i++) {
            request.addProcesses(k8s(entities[i], 100 + i, "/bin/app"));
        }
        return EBPFProcessServiceGrpc.newBlockingStub(node.channel()).reportProcesses(request.build())
                .getProcesses(0).getProcessId();
    }

    private static void keepAlive(TestServer node, String agentId, EBPFProcessEntityMetadata... entities) {
        EBPFProcessPingPkgList.Builder request = EBPFProcessPingPkgList.newBuilder().setEbpfAgentID(agentId);
        for (EBPFProcessEntityMetadata entity : entities) {
            request.addProcesses(ping(entity, true));
        }
        EBPFProcessServiceGrpc.newBlockingStub(node.channel()).keepAlive(request.build());
    }
}

package io.groundstation.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.config.Settings;
import io.groundstation.registry.Ids;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static io.groundstation.testing.fixtures.Protos.ping;
import static org.assertj.core.api.Assertions.assertThat;

/** Keep-alives are coalesced in memory and written in batches; the one liveness rule applies everywhere. */
@OnEveryDatabase
class KeepAliveIT {

    @Parameter
    TestDatabase database;

    // Long enough that only the test's own flushes write.
    private static final Map<io.groundstation.config.Setting<?>, String> MANUAL_FLUSH =
            Map.of(Settings.PING_FLUSH_INTERVAL, "1h");

    @TempDir
    Path data;

    private final EBPFProcessEntityMetadata api = entity("K8S_SERVICE", "api", "api-0", "server");
    private final String apiId = Ids.processId("api", "api-0", "server");

    @Test
    void lastSeenAdvancesOnlyWhenCoalescedPingsAreFlushed() {
        try (TestServer server = TestServer.start(data, database, MANUAL_FLUSH)) {
            EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub agent = register(server);
            long registeredAt = lastSeen(server);

            server.clock().advance(Duration.ofSeconds(20));
            agent.keepAlive(pings(true));
            server.clock().advance(Duration.ofSeconds(20));
            agent.keepAlive(pings(false));
            assertThat(lastSeen(server)).as("not yet flushed").isEqualTo(registeredAt);
            assertThat(server.server().registry().pendingPings()).isEqualTo(1);

            assertThat(server.server().registry().flushPings()).isEqualTo(1);

            JsonNode process = server.getJson("/api/processes/" + apiId);
            assertThat(process.get("lastSeen").asLong()).isEqualTo(registeredAt + 40_000);
            assertThat(process.get("ebpfProfilingSupported").asBoolean()).as("flag kept current").isFalse();
        }
    }

    @Test
    void gracefulShutdownWritesPendingPings() {
        try (TestServer server = TestServer.start(data, database, MANUAL_FLUSH)) {
            EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub agent = register(server);
            long registeredAt = lastSeen(server);
            server.clock().advance(Duration.ofSeconds(20));
            agent.keepAlive(pings(true));

            server.restart();

            assertThat(lastSeen(server)).isEqualTo(registeredAt + 20_000);
        }
    }

    @Test
    void aPingForAnUnknownProcessRecreatesIt() {
        try (TestServer server = TestServer.start(data, database, MANUAL_FLUSH)) {
            EBPFProcessServiceGrpc.newBlockingStub(server.channel()).keepAlive(pings(true));
            server.server().registry().flushPings();

            JsonNode process = server.getJson("/api/processes/" + apiId);
            assertThat(process.get("service").asText()).isEqualTo("api");
            assertThat(process.get("detectType").asText()).isEqualTo("UNKNOWN");
            assertThat(process.get("state").asText()).isEqualTo("ALIVE");
        }
    }

    @Test
    void processesDieAfterTheLivenessWindowAndArePurgedAfterRetention() {
        try (TestServer server = TestServer.start(data, database, Map.of(Settings.LIVENESS_WINDOW, "60s",
                Settings.RETENTION, "7d", Settings.PING_FLUSH_INTERVAL, "1h"))) {
            register(server);
            server.clock().advance(Duration.ofSeconds(60));
            assertThat(server.getJson("/api/processes/" + apiId).get("state").asText()).isEqualTo("ALIVE");
            server.clock().advance(Duration.ofMillis(1));
            assertThat(server.getJson("/api/processes/" + apiId).get("state").asText()).isEqualTo("DEAD");
            JsonNode service = server.getJson("/api/services").get(0);
            assertThat(service.get("aliveProcesses").asLong()).isZero();
            assertThat(service.get("deadProcesses").asLong()).isEqualTo(1);
            assertThat(server.get("/api/processes?state=dead").body()).contains("\"total\":1");
            assertThat(server.get("/api/agents").body()).contains("\"state\":\"DEAD\"");

            server.clock().advance(Duration.ofDays(7));
            assertThat(server.server().registry().purgeOlderThan(Duration.ofDays(7))).isEqualTo(1);
            assertThat(server.get("/api/processes/" + apiId).statusCode()).isEqualTo(404);
            assertThat(server.getJson("/api/agents")).isEmpty();
        }
    }

    private EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub register(TestServer server) {
        EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub agent =
                EBPFProcessServiceGrpc.newBlockingStub(server.channel());
        agent.reportProcesses(EBPFProcessReportList.newBuilder().setEbpfAgentID("agent-1")
                .addProcesses(k8s(api, 5, "server --port 80")).build());
        return agent;
    }

    private EBPFProcessPingPkgList pings(boolean ebpfSupported) {
        return EBPFProcessPingPkgList.newBuilder().setEbpfAgentID("agent-1").addProcesses(ping(api, ebpfSupported))
                .build();
    }

    private long lastSeen(TestServer server) {
        return server.getJson("/api/processes/" + apiId).get("lastSeen").asLong();
    }
}

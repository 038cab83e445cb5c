package io.groundstation.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.config.Settings;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.Rover;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.PerTestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

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

    /** Only the test's own flushes write (the interval is long); the windows the tests count in are pinned. */
    @RegisterExtension
    final PerTestServer server = new PerTestServer(Map.of(Settings.PING_FLUSH_INTERVAL, "1h",
            Settings.LIVENESS_WINDOW, "60s", Settings.RETENTION, "7d"));

    private final EBPFProcessEntityMetadata api = entity("K8S_SERVICE", "api", "api-0", "server");
    private final String apiId = Ids.processId("api", "api-0", "server");

    @Test
    void lastSeenAdvancesOnlyWhenCoalescedPingsAreFlushed() {
        long registeredAt = registeredThenPinged();
        server.get().clock().advance(Duration.ofSeconds(20));
        keepAlive(false);
        assertThat(lastSeen()).as("not yet flushed").isEqualTo(registeredAt);
        assertThat(server.get().server().parts().registry().pendingPings()).isEqualTo(1);

        assertThat(server.get().server().parts().registry().flushPings()).isEqualTo(1);

        JsonNode process = server.get().getJson("/api/processes/" + apiId);
        assertThat(process.get("lastSeen").asLong()).isEqualTo(registeredAt + 40_000);
        assertThat(process.get("ebpfProfilingSupported").asBoolean()).as("flag kept current").isFalse();
    }

    @Test
    void gracefulShutdownWritesPendingPings() {
        long registeredAt = registeredThenPinged();

        server.get().restart();

        assertThat(lastSeen()).isEqualTo(registeredAt + 20_000);
    }

    @Test
    void aPingForAnUnknownProcessRecreatesIt() {
        keepAlive(true);
        server.get().server().parts().registry().flushPings();

        JsonNode process = server.get().getJson("/api/processes/" + apiId);
        assertThat(process.get("service").asText()).isEqualTo("api");
        assertThat(process.get("detectType").asText()).isEqualTo("UNKNOWN");
        assertThat(process.get("state").asText()).isEqualTo("ALIVE");
    }

    @Test
    void processesDieAfterTheLivenessWindowAndArePurgedAfterRetention() {
        register();
        server.get().clock().advance(Duration.ofSeconds(60));
        assertThat(server.get().getJson("/api/processes/" + apiId).get("state").asText()).isEqualTo("ALIVE");
        server.get().clock().advance(Duration.ofMillis(1));
        assertThat(server.get().getJson("/api/processes/" + apiId).get("state").asText()).isEqualTo("DEAD");
        JsonNode service = server.get().getJson("/api/services").get(0);
        assertThat(service.get("aliveProcesses").asLong()).isZero();
        assertThat(service.get("deadProcesses").asLong()).isEqualTo(1);
        assertThat(server.get().get("/api/processes?state=dead").body()).contains("\"total\":1");
        assertThat(server.get().get("/api/agents").body()).contains("\"state\":\"DEAD\"");

        server.get().clock().advance(Duration.ofDays(7));
        assertThat(server.get().server().parts().registry().purgeOlderThan(Duration.ofDays(7))).isEqualTo(1);
        assertThat(server.get().get("/api/processes/" + apiId).statusCode()).isEqualTo(404);
        assertThat(server.get().getJson("/api/agents")).isEmpty();
    }

    /** Registers the process and pings it 20 s later, as Rover does (not yet flushed); returns when it registered. */
    private long registeredThenPinged() {
        register();
        long registeredAt = lastSeen();
        server.get().clock().advance(Duration.ofSeconds(20));
        keepAlive(true);
        return registeredAt;
    }

    private void register() {
        Rover.reportProcesses(server.get(), "agent-1", k8s(api, 5, "server --port 80"));
    }

    private void keepAlive(boolean ebpfSupported) {
        EBPFProcessServiceGrpc.newBlockingStub(server.get().channel()).keepAlive(EBPFProcessPingPkgList.newBuilder()
                .setEbpfAgentID("agent-1").addProcesses(ping(api, ebpfSupported)).build());
    }

    private long lastSeen() {
        return server.get().getJson("/api/processes/" + apiId).get("lastSeen").asLong();
    }
}

package io.groundstation;

import io.groundstation.registry.Ids;
import io.groundstation.testing.harness.ServerProcess;
import io.groundstation.testing.harness.TestServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static io.groundstation.testing.fixtures.Protos.ping;
import static org.assertj.core.api.Assertions.assertThat;

/** The server as an operator runs it: its own JVM, configured by environment, stopped by a signal. */
class ServerLifecycleIT {

    @TempDir
    Path data;

    private final EBPFProcessEntityMetadata db = entity("K8S_SERVICE", "db", "db-0", "postgres");

    @Test
    void sigtermWritesPendingKeepAlivesAndTheDataIsThereAfterARestart() throws Exception {
        long pingedAt;
        // A flush interval longer than the test: only the shutdown can write the ping.
        Map<String, String> environment = Map.of("GROUNDSTATION_REGISTRY_PING_FLUSH_INTERVAL", "1h");
        try (ServerProcess server = ServerProcess.start(data, environment)) {
            assertThat(server.log()).contains("Storage: embedded SQLite in " + data.resolve("groundstation.db"));
            ManagedChannel channel = channel(server);
            EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub agent = EBPFProcessServiceGrpc.newBlockingStub(channel);
            agent.reportProcesses(EBPFProcessReportList.newBuilder().setEbpfAgentID("a")
                    .addProcesses(k8s(db, 3, "postgres -D /data")).build());
            long registeredAt = lastSeen(server);
            Thread.sleep(50);
            pingedAt = System.currentTimeMillis();
            agent.keepAlive(EBPFProcessPingPkgList.newBuilder().setEbpfAgentID("a").addProcesses(ping(db, true))
                    .build());
            assertThat(lastSeen(server)).isEqualTo(registeredAt);
            channel.shutdownNow();

            assertThat(server.terminate()).isEqualTo(143);
            assertThat(server.log()).contains("Wrote 1 pending keep-alives").contains("Stopped");
        }
        try (ServerProcess restarted = ServerProcess.start(data, Map.of())) {
            assertThat(lastSeen(restarted)).isGreaterThanOrEqualTo(pingedAt);
        }
    }

    private static ManagedChannel channel(ServerProcess server) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
    }

    private long lastSeen(ServerProcess server) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.httpPort() + "/api/processes/"
                                + Ids.processId("db", "db-0", "postgres"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return TestServer.readJson(response.body()).get("lastSeen").asLong();
    }
}

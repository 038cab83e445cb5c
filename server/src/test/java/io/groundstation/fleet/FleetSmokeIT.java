package io.groundstation.fleet;

import io.groundstation.bench.report.RunReport;
import io.groundstation.bench.sim.Fleet;
import io.groundstation.bench.sim.SimulatorOptions;
import io.groundstation.config.Settings;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short run of the fleet simulator against the real server: every reply of every kind is read the way Rover
 * reads it, through registrations, a restart storm, URI-filtered policies, triggers and uploads. Correctness only;
 * BENCHMARKS.md has the timings.
 */
@OnEveryDatabase
class FleetSmokeIT {

    @Parameter
    TestDatabase database;

    @TempDir
    Path data;

    @Test
    void aSimulatedFleetNeverGetsAReplyTheAgentWouldMisread() throws Exception {
        try (TestServer server = TestServer.start(data, database, Map.of(Settings.TASK_MAX_CONCURRENT, "1000"))) {
            SimulatorOptions options = new SimulatorOptions(
                    new InetSocketAddress("127.0.0.1", server.server().grpcPort()), 30, 8, 14, 0.05, 0, null,
                    0.05, 0.3, 600, 10, 0.05, 0, 9, 0, 3, 11, 0,
                    java.net.URI.create("http://127.0.0.1:" + server.server().httpPort() + "/metrics"), null);
            for (String service : Fleet.serviceNames(options)) {
                assertThat(server.send("PUT", "/api/policies/" + java.net.URLEncoder.encode(service,
                        java.nio.charset.StandardCharsets.UTF_8), """
                        {"targets": {"ON_CPU": {"PROCESS_CPU": {"threshold": 80, "period": 10, "count": 5}},
                         "NETWORK": {"HTTP_ERROR_RATE": {"threshold": 5, "period": 10, "count": 3,
                                                         "uriList": ["/api/a", "/api/b"]}}}}""", null)
                        .statusCode()).isEqualTo(200);
            }

            // channels 0: a connection per agent, as Rover keeps it, so replies are targeted per agent.
            RunReport report = Fleet.run(options);

            assertThat(report.totalMisreads()).as("replies the agent would misread: %s", report.misreads()).isZero();
            assertThat(report.totalRpcErrors()).as("gRPC errors: %s", report.methods()).isZero();
            assertThat(report.throughput().registrationsPerSecond()).isPositive();
            // The server's own histogram, read at both ends of the measured seconds, saw the agents' calls too.
            assertThat(report.serverLatency()).containsKeys("keepAlive", "reportProcesses", "queryPolicies");
            assertThat(report.serverLatency().get("keepAlive").calls()).isPositive();
            assertThat(report.serverLatency().get("keepAlive").p99AtMostMillis()).isNotNull();
            assertThat(report.events().get("NEEDED_RESYNCS")).as("agents took in policies and new pods").isPositive();
            assertThat(server.getJson("/api/processes?state=alive").get("total").asLong()).isPositive();
            assertThat(server.getJson("/api/tasks").get("total").asLong()).as("triggers recorded").isPositive();
            assertThat(report.events().get(io.groundstation.bench.report.FleetEvent.NETWORK_FLUSHES.name()))
                    .as("NETWORK tasks ran").isPositive();
            assertThat(server.metrics().valueOrZero("groundstation_network_items_total", "stream", "meters",
                    "outcome", "stored")).as("their results stored under their tasks").isPositive();
        }
    }
}

package io.groundstation.metrics;

import io.groundstation.config.Settings;
import io.groundstation.testing.fixtures.ClientStreams;
import io.groundstation.testing.harness.Scrape;
import io.groundstation.testing.harness.ClassServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessProperties;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.language.agent.v3.MeterDataCollection;
import org.apache.skywalking.apm.network.language.agent.v3.MeterReportServiceGrpc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static io.groundstation.testing.fixtures.Protos.ping;
import static org.assertj.core.api.Assertions.assertThat;

/** A running server's /metrics carries what operators look for first, with values that match what happened. */
class MetricsIT {

    @RegisterExtension
    static final ClassServer server = new ClassServer(Map.of(Settings.PING_FLUSH_INTERVAL, "100ms",
                Settings.PYROSCOPE_URL, "http://127.0.0.1:9"));

    @BeforeAll
    static void start() throws InterruptedException {
        // The export to Pyroscope on, so its families are there (no task ends here: nothing is ever pushed).
        EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub agent =
                EBPFProcessServiceGrpc.newBlockingStub(server.get().channel());
        EBPFProcessEntityMetadata api = entity("K8S_SERVICE", "api", "api-0", "server");
        agent.reportProcesses(EBPFProcessReportList.newBuilder().setEbpfAgentID("agent-1")
                .addProcesses(k8s(api, 10, "server")).build());
        agent.keepAlive(EBPFProcessPingPkgList.newBuilder().setEbpfAgentID("agent-1")
                .addProcesses(ping(api, true)).build());
        // one refused item and one (empty) meter batch, so those families have samples too
        agent.reportProcesses(EBPFProcessReportList.newBuilder().setEbpfAgentID("agent-1")
                .addProcesses(EBPFProcessProperties.getDefaultInstance()).build());
        ClientStreams.send(MeterReportServiceGrpc.newStub(server.get().channel())::collectBatch,
                List.of(MeterDataCollection.getDefaultInstance()));
        assertThat(server.get().get("/api/processes?service=api").statusCode()).isEqualTo(200);
        assertThat(server.get().get("/api/processes/no-such-process").statusCode()).isEqualTo(404);
        // the background flush writes the keep-alive; wait for it rather than guess how long it takes
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (server.get().metrics().named("groundstation_buffer_flushed_total").stream()
                .noneMatch(s -> s.labels().get("buffer").equals("pings") && s.value() >= 1)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void jvmAndProcessFamilies() {
        Scrape metrics = server.get().metrics();
        assertThat(metrics.named("jvm_memory_used_bytes")).filteredOn(s -> "heap".equals(s.labels().get("area")))
                .isNotEmpty().allMatch(s -> s.value() >= 0).anyMatch(s -> s.value() > 0);
        assertThat(metrics.named("jvm_memory_max_bytes")).isNotEmpty();
        assertThat(metrics.value("jvm_threads_live_threads")).isGreaterThan(1);
        assertThat(metrics.value("jvm_classes_loaded_classes")).isGreaterThan(1000);
        assertThat(metrics.value("jvm_gc_memory_allocated_bytes_total")).isGreaterThanOrEqualTo(0);
        assertThat(metrics.value("process_cpu_usage")).isBetween(0.0, 1.0);
        assertThat(metrics.value("process_uptime_seconds")).isGreaterThan(0);
        assertThat(metrics.value("process_files_open_files")).isGreaterThan(0);
        assertThat(metrics.value("process_files_max_files")).isGreaterThan(metrics.value("process_files_open_files"));
    }

    @Test
    void connectionPool() {
        Scrape metrics = server.get().metrics();
        assertThat(metrics.value("hikaricp_connections_max", "pool", "groundstation"))
                .isEqualTo(Settings.defaults().get(Settings.JDBC_POOL_SIZE).doubleValue());
        assertThat(metrics.value("hikaricp_connections_acquire_seconds_count", "pool", "groundstation"))
                .isGreaterThan(0);
    }

    @Test
    void databaseWritesTheirWaitForTheEmbeddedWriterAndTheirTime() {
        Scrape metrics = server.get().metrics();
        // The registration and the flush of the keep-alive at least; nothing was streamed that stores anything.
        assertThat(metrics.value("groundstation_database_write_seconds_count", "writes", "other"))
                .isGreaterThanOrEqualTo(2);
        assertThat(metrics.value("groundstation_database_write_wait_seconds_count", "writes", "other"))
                .isGreaterThanOrEqualTo(2);
        assertThat(metrics.value("groundstation_database_write_seconds_count", "writes", "streamed")).isZero();
    }

    @Test
    void httpRequestsByRouteAndStatus() {
        Scrape metrics = server.get().metrics();
        assertThat(requests(metrics, "/api/processes", "200")).isEqualTo(1);
        assertThat(requests(metrics, "/api/processes/{id}", "404")).isEqualTo(1);
    }

    private static double requests(Scrape metrics, String route, String status) {
        return metrics.named("jetty_server_requests_seconds_count").stream()
                .filter(s -> route.equals(s.labels().get("uri")) && status.equals(s.labels().get("status")))
                .mapToDouble(Scrape.Sample::value).sum();
    }

    @Test
    void agentCallsByMethodAndStatus() {
        Scrape metrics = server.get().metrics();
        assertThat(metrics.value("groundstation_rpc_total", "method", "reportProcesses", "code", "OK")).isEqualTo(2);
        assertThat(metrics.value("groundstation_rpc_total", "method", "collectBatch", "code", "OK")).isEqualTo(1);
        assertThat(metrics.value("groundstation_refused_items_total", "method", "reportProcesses",
                "reason", "no process metadata")).isEqualTo(1);
        assertThat(metrics.value("groundstation_rpc_total", "method", "keepAlive", "code", "OK")).isEqualTo(1);
        assertThat(metrics.value("groundstation_rpc_duration_seconds_count", "method", "keepAlive")).isEqualTo(1);
        assertThat(metrics.value("groundstation_rpc_duration_seconds_bucket", "method", "keepAlive", "le", "+Inf"))
                .isEqualTo(1);
    }

    @Test
    void writeBehindBuffers() {
        Scrape metrics = server.get().metrics();
        assertThat(metrics.value("groundstation_buffer_flushed_total", "buffer", "pings")).isEqualTo(1);
        assertThat(metrics.value("groundstation_buffer_pending", "buffer", "pings")).isZero();
        assertThat(metrics.value("groundstation_buffer_dropped_total", "buffer", "pings")).isZero();
        assertThat(metrics.value("groundstation_buffer_flush_duration_seconds_count", "buffer", "pings"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("groundstation_buffer_pending", "buffer", "meter_points")).isZero();
        assertThat(metrics.value("groundstation_buffer_flushed_total", "buffer", "meter_points")).isZero();
        assertThat(metrics.value("groundstation_pending_pings")).isZero();
    }

    @Test
    void openMetricsWhenAskedForTheClassicTextOtherwise() throws IOException, InterruptedException {
        HttpResponse<String> open = scrape("application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
        assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/openmetrics-text; version=1.0.0"));
        assertThat(open.body()).endsWith("# EOF\n").contains("# TYPE groundstation_rpc counter\n");

        HttpResponse<String> classic = scrape("text/plain");
        assertThat(classic.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(classic.body()).doesNotContain("# EOF").contains("# TYPE groundstation_rpc_total counter\n");
        assertThat(Scrape.parse(classic.body()).value("groundstation_rpc_total", "method", "keepAlive", "code", "OK"))
                .isEqualTo(Scrape.parse(open.body()).value("groundstation_rpc_total", "method", "keepAlive", "code",
                        "OK"));
    }

    /** Every family the Grafana dashboard in deploy/ queries is one this server exports. */
    @Test
    void theDashboardQueriesOnlyExportedFamilies() throws IOException {
        String dashboard = Files.readString(Path.of("..", "deploy", "grafana", "groundstation-dashboard.json"));
        Matcher family = Pattern.compile("\\b(?:groundstation|jvm|process|hikaricp|jetty)_[a-z_]+").matcher(dashboard);
        Set<String> queried = new TreeSet<>();
        while (family.find()) {
            queried.add(family.group());
        }
        Scrape metrics = server.get().metrics();
        assertThat(queried).hasSizeGreaterThan(10)
                .allSatisfy(name -> assertThat(metrics.named(name)).as("samples of %s", name).isNotEmpty());
    }

    private static HttpResponse<String> scrape(String accept) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.get().server().httpPort() + "/metrics")).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package io.groundstation.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import io.groundstation.jobs.ClusterJob;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.ClientStreams;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.language.agent.v3.MeterDataCollection;
import org.apache.skywalking.apm.network.language.agent.v3.MeterReportServiceGrpc;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEvent;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEventReportServiceGrpc;
import org.apache.skywalking.apm.network.logging.v3.JSONLog;
import org.apache.skywalking.apm.network.logging.v3.LogData;
import org.apache.skywalking.apm.network.logging.v3.LogDataBody;
import org.apache.skywalking.apm.network.logging.v3.LogReportServiceGrpc;
import org.apache.skywalking.apm.network.logging.v3.LogTags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.groundstation.testing.fixtures.NetworkStreams.collection;
import static io.groundstation.testing.fixtures.NetworkStreams.histogram;
import static io.groundstation.testing.fixtures.NetworkStreams.httpEvent;
import static io.groundstation.testing.fixtures.NetworkStreams.link;
import static io.groundstation.testing.fixtures.NetworkStreams.sampledTrace;
import static io.groundstation.testing.fixtures.NetworkStreams.single;
import static io.groundstation.testing.fixtures.NetworkStreams.syscallEvent;
import static io.groundstation.testing.fixtures.NetworkStreams.with;
import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a NETWORK task sends back (protocol.md §8) over real gRPC — meters with the first-element header rule,
 * deltas and shuffled buckets, sampled-trace logs, content and syscall events — stored under the tasks holding the
 * process at the time, and read back as topology, samples and content, with secrets masked.
 */
@OnEveryDatabase
class NetworkResultsIT {

    private static final String REQUEST = "POST /api/pay HTTP/1.1\r\nHost: shop\r\n"
            + "Authorization: Bearer s3cr3t-token\r\nCookie: session=abc123; theme=dark\r\nX-Api-Key: k-999\r\n"
            + "Content-Type: application/json\r\n\r\n{\"amount\":5,\"card_token\":\"tok-777\"}";
    private static final String RESPONSE = "HTTP/1.1 503 Service Unavailable\r\nSet-Cookie: id=zzz; HttpOnly\r\n"
            + "Proxy-Authorization: Basic cHJveHk6cHc=\r\nContent-Length: 4\r\n\r\nbusy";
    private static final List<String> SECRETS = List.of("s3cr3t-token", "abc123", "k-999", "zzz", "cHJveHk6cHc=",
            "tok-777");

    @Parameter
    TestDatabase database;

    @TempDir
    Path data;
    private TestServer server;
    private Map<Setting<?>, String> settings;
    private final Random random = new Random(7);
    private final String app = Ids.processId("shop", "shop-0", "app");
    private final String envoy = Ids.processId("shop", "shop-0", "envoy");
    private long t0;

    private void start(Map<Setting<?>, String> overrides) {
        settings = new HashMap<>(database.create(data));
        settings.putAll(overrides);
        server = TestServer.start(data, settings);
        // Flushes at t0 and t0 + 12 s must fall in different 10-s slices whatever the wall clock says: start 1 s into
        // a slice (from the real clock, one run in ten put the second flush's slice inside [t0, t0 + 3 s)).
        long slice = Settings.defaults().get(Settings.NETWORK_SLICE).toMillis();
        long now = server.clock().millis();
        server.clock().advance(Duration.ofMillis(Math.floorMod(1_000 - now, slice)));
        t0 = server.clock().millis();
        EBPFProcessServiceGrpc.newBlockingStub(server.channel()).reportProcesses(EBPFProcessReportList.newBuilder()
                .setEbpfAgentID("node-a")
                .addProcesses(k8s(entity("MESH", "shop", "shop-0", "app"), 10, "app"))
                .addProcesses(k8s(entity("MESH", "shop", "shop-0", "envoy"), 11, "envoy"))
                .build());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String networkTask(Long startTime, String token) {
        HttpResponse<String> started = server.send("POST", "/api/tasks", """
                {"service": "shop", "target": "NETWORK", "instance": "shop-0", "durationSeconds": 600%s}"""
                .formatted(startTime == null ? "" : ", \"startTime\": " + startTime), token);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return TestServer.readJson(started.body()).get("tasks").get(0).get("id").asText();
    }

    private Map<String, String> appToEnvoy() {
        return link("client", app, "server_process_id", envoy, "http", false);
    }

    private void sendMeters(MeterDataCollection... collections) {
        ClientStreams.send(MeterReportServiceGrpc.newStub(server.channel())::collectBatch, List.of(collections));
    }

    private void sendLogs(LogData... logs) {
        ClientStreams.send(LogReportServiceGrpc.newStub(server.channel())::collect, List.of(logs));
    }

    private void sendEvents(SpanAttachedEvent... events) {
        ClientStreams.send(SpanAttachedEventReportServiceGrpc.newStub(server.channel())::collect, List.of(events));
    }

    /** Two 2-s flushes of app → envoy over HTTP, and one of an outside client reaching envoy over TLS. */
    private void sendTwoFlushes() {
        Map<String, String> l1 = appToEnvoy();
        Map<String, String> l2 = link("server", envoy, "client_address", "10.0.0.9:51000", "http", true);
        sendMeters(collection("shop", "shop-0", t0 + 2_000, List.of(
                single("rover_net_p_http1_request_counter", 10, l1),
                single("rover_net_p_http1_response_status_counter", 8, with(l1, "code", "200")),
                single("rover_net_p_http1_response_status_counter", 2, with(l1, "code", "503")),
                single("rover_net_p_http1_client_duration_avg", 20, l1),
                histogram("rover_net_p_http1_client_duration_histogram",
                        Map.of(0.0, 0L, 10.0, 6L, 50.0, 3L, 100.0, 1L), l1, random),
                single("rover_net_p_client_write_bytes_counter", 1000, l1),
                single("rover_net_p_client_read_bytes_counter", 5000, l1),
                single("rover_net_p_client_write_rtt_counts_counter", 10, l1),
                single("rover_net_p_client_write_rtt_exe_time_counter", 150, l1),
                histogram("rover_net_p_client_write_rtt_histogram", Map.of(0.0, 1L, 100.0, 5L, 200.0, 4L), l1,
                        random),
                single("rover_net_p_client_retransmit_counts_counter", 1, l1),
                single("rover_net_p_http1_request_counter", 5, l2),
                single("rover_net_p_http1_response_status_counter", 5, with(l2, "code", "200")),
                // No side: not a link the protocol describes.
                single("rover_net_p_http1_request_counter", 3, Map.of("client_process_id", app)),
                // A process no task holds.
                single("rover_net_p_http1_request_counter", 3,
                        link("client", "f".repeat(64), "server_local", "true", "http", false)))),
                // The next slice (network.slice is 10 s).
                collection("shop", "shop-0", t0 + 12_000, List.of(
                        single("rover_net_p_http1_request_counter", 30, l1),
                        single("rover_net_p_http1_client_duration_avg", 40, l1),
                        histogram("rover_net_p_http1_client_duration_histogram",
                                Map.of(10.0, 20L, 50.0, 8L, 100.0, 2L), l1, random))));
    }

    @Test
    void metersOfOneTaskBecomeItsTopology() {
        start(Map.of());
        String task = networkTask(null, null);
        sendTwoFlushes();
        server.clock().advance(Duration.ofSeconds(20));

        JsonNode topology = server.getJson("/api/tasks/" + task + "/network/topology");

        List<String> nodes = new ArrayList<>();
        topology.get("nodes").forEach(n -> nodes.add(n.get("id").asText() + " " + n.get("kind").asText() + " "
                + n.path("name").asText("-")));
        assertThat(nodes).containsExactlyInAnyOrder(app + " process app", envoy + " process envoy",
                "address:10.0.0.9:51000 address 10.0.0.9:51000");
        assertThat(topology.get("edges")).hasSize(2);
        JsonNode edge = edge(topology, app, envoy);
        assertThat(edge.get("side").asText()).isEqualTo("client");
        assertThat(edge.get("protocol").asText()).isEqualTo("http");
        assertThat(edge.get("ssl").asBoolean()).isFalse();
        assertThat(edge.get("requests").asLong()).isEqualTo(40);
        assertThat(edge.get("requestsPerSecond").asDouble()).isEqualTo(2.0);
        assertThat(edge.get("statusCodes").get("200").asLong()).isEqualTo(8);
        assertThat(edge.get("statusCodes").get("503").asLong()).isEqualTo(2);
        assertThat(edge.get("errorShare").asDouble()).isEqualTo(0.2);
        // (10 × 20 ms + 30 × 40 ms) / 40 requests; percentiles from the merged buckets 0:0, 10:26, 50:11, 100:3.
        assertThat(edge.get("latencyMs").get("mean").asDouble()).isEqualTo(35.0);
        assertThat(edge.get("latencyMs").get("p50").asDouble()).isEqualTo(50.0);
        assertThat(edge.get("latencyMs").get("p95").asDouble()).isEqualTo(100.0);
        assertThat(edge.get("latencyMs").get("p99").asDouble()).isEqualTo(100.0);
        assertThat(edge.get("bytesWritten").asLong()).isEqualTo(1000);
        assertThat(edge.get("bytesRead").asLong()).isEqualTo(5000);
        assertThat(edge.get("rttMicros").asDouble()).isEqualTo(150.0);
        assertThat(edge.get("retransmits").asLong()).isEqualTo(1);
        JsonNode outside = edge(topology, "address:10.0.0.9:51000", envoy);
        assertThat(outside.get("side").asText()).isEqualTo("server");
        assertThat(outside.get("ssl").asBoolean()).isTrue();
        assertThat(outside.get("requests").asLong()).isEqualTo(5);
        assertThat(outside.get("latencyMs").get("mean").isNull()).isTrue();

        JsonNode firstFlush = server.getJson("/api/tasks/" + task + "/network/topology?from=" + t0 + "&to="
                + (t0 + 3_000));
        assertThat(edge(firstFlush, app, envoy).get("requests").asLong()).isEqualTo(10);
        assertThat(networkItems("meters", "stored")).isEqualTo(16);
        assertThat(networkItems("meters", "invalid")).isEqualTo(1);
        assertThat(networkItems("meters", "unattributed")).isEqualTo(1);
        assertThat(server.get("/api/tasks/nope/network/topology").statusCode()).isEqualTo(404);
    }

    private static JsonNode edge(JsonNode topology, String source, String target) {
        for (JsonNode edge : topology.get("edges")) {
            if (edge.get("source").asText().equals(source) && edge.get("target").asText().equals(target)) {
                return edge;
            }
        }
        throw new AssertionError("no edge " + source + " -> " + target + " in " + topology);
    }

    @Test
    void overlappingTasksEachGetTheDataOfTheirTimeAndLaterDataIsDropped() {
        start(Map.of());
        String first = networkTask(null, null);
        String second = networkTask(t0 + 60_000, null);
        Map<String, String> l1 = appToEnvoy();

        sendMeters(collection("shop", "shop-0", t0 + 2_000, List.of(
                single("rover_net_p_http1_request_counter", 1, l1))));
        sendMeters(collection("shop", "shop-0", t0 + 61_000, List.of(
                single("rover_net_p_http1_request_counter", 10, l1))));
        sendMeters(collection("shop", "shop-0", t0 + 700_000, List.of(
                single("rover_net_p_http1_request_counter", 100, l1))));
        server.clock().advance(Duration.ofMinutes(20));

        assertThat(edge(server.getJson("/api/tasks/" + first + "/network/topology"), app, envoy)
                .get("requests").asLong()).isEqualTo(11);
        assertThat(edge(server.getJson("/api/tasks/" + second + "/network/topology"), app, envoy)
                .get("requests").asLong()).isEqualTo(10);
        assertThat(networkItems("meters", "stored")).isEqualTo(2);
        assertThat(networkItems("meters", "unattributed")).isEqualTo(1);
    }

    @Test
    void sampledTracesAreListedFilteredAndPagedAndTheirContentIsMaskedInStorageAndReplies() throws Exception {
        start(Map.of());
        String task = networkTask(null, null);
        LogData otherKind = LogData.newBuilder().setService("shop").setServiceInstance("shop-0")
                .setTimestamp(t0 + 2_000).setTags(LogTags.newBuilder().addData(KeyStringValuePair.newBuilder()
                        .setKey("LOG_KIND").setValue("SOMETHING_ELSE"))).build();
        LogData unreadable = sampledTrace("shop", "shop-0", t0 + 2_000, "trace-x", "/x", "slow", 1, 200, app,
                envoy, "client").toBuilder().setBody(LogDataBody.newBuilder()
                .setJson(JSONLog.newBuilder().setJson("{not json"))).build();
        sendLogs(sampledTrace("shop", "shop-0", t0 + 2_000, "trace-1", "/api/pay", "status_5xx", 250, 503, app,
                        envoy, "client"),
                sampledTrace("shop", "shop-0", t0 + 4_000, "trace-2", "/api/cart", "slow", 900, 200, app, envoy,
                        "client"),
                sampledTrace("shop", "shop-0", t0 + 6_000, "trace-3", "/api/pay", "slow", 1200, 200, "", envoy,
                        "server"),
                sampledTrace("shop", "shop-0", t0 + 6_000, "trace-4", "/api/pay", "slow", 1200, 200, "",
                        "e".repeat(64), "server"),
                otherKind, unreadable);
        sendEvents(httpEvent("HTTP Request Sampling", "trace-1", t0 + 2_001, REQUEST, "shop", "shop-0", "app"),
                httpEvent("HTTP Response Sampling", "trace-1", t0 + 2_100, RESPONSE, "shop", "shop-0", "app"),
                syscallEvent("trace-1", t0 + 2_050, "shop", "shop-0", "app"));

        String samples = "/api/tasks/" + task + "/network/samples";
        JsonNode all = server.getJson(samples);
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("items")).extracting(i -> i.get("traceId").asText())
                .containsExactly("trace-3", "trace-2", "trace-1");
        JsonNode first = all.get("items").get(2);
        assertThat(first.get("uri").asText()).isEqualTo("/api/pay");
        assertThat(first.get("reason").asText()).isEqualTo("status_5xx");
        assertThat(first.get("latencyMs").asLong()).isEqualTo(250);
        assertThat(first.get("status").asInt()).isEqualTo(503);
        assertThat(first.get("time").asLong()).isEqualTo(t0 + 2_000);
        assertThat(first.get("processId").asText()).isEqualTo(app);
        assertThat(first.get("serverProcess").get("processId").asText()).isEqualTo(envoy);
        assertThat(all.get("items").get(0).get("processId").asText()).as("seen at the server").isEqualTo(envoy);
        assertThat(server.getJson(samples + "?reason=slow").get("total").asLong()).isEqualTo(2);
        assertThat(server.getJson(samples + "?uri=pay").get("total").asLong()).isEqualTo(2);
        assertThat(server.getJson(samples + "?status=503").get("items")).extracting(i -> i.get("traceId").asText())
                .containsExactly("trace-1");
        JsonNode page = server.getJson(samples + "?offset=1&limit=1");
        assertThat(page.get("items")).extracting(i -> i.get("traceId").asText()).containsExactly("trace-2");
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(server.get(samples + "?status=abc").statusCode()).isEqualTo(400);

        JsonNode trace = server.getJson(samples + "/trace-1");
        assertThat(trace.get("traceId").asText()).as("the first sample's fields at the top").isEqualTo("trace-1");
        assertThat(trace.get("uri").asText()).isEqualTo("/api/pay");
        assertThat(trace.get("processId").asText()).isEqualTo(app);
        assertThat(trace.get("samples")).extracting(s -> s.get("reason").asText()).containsExactly("status_5xx");
        assertThat(trace.get("events")).extracting(e -> e.get("event").asText())
                .containsExactly("HTTP Request Sampling", "Syscall write", "HTTP Response Sampling");
        String request = trace.get("events").get(0).get("content").asText();
        assertThat(request).contains("Host: shop\r\n", "Authorization: ******\r\n", "Cookie: ******\r\n",
                "X-Api-Key: ******\r\n", "Content-Type: application/json\r\n",
                "{\"amount\":5,\"card_token\":\"******\"}");
        assertThat(trace.get("events").get(2).get("content").asText())
                .contains("Set-Cookie: ******\r\n", "Proxy-Authorization: ******\r\n", "busy");
        assertThat(trace.get("events").get(1).get("content").isNull()).isTrue();
        assertThat(trace.get("events").get(1).get("tags").get("avg_rtt_time").asText()).isEqualTo("1500ns");
        assertThat(trace.get("events").get(0).get("tags").has("data_content")).isFalse();
        for (String secret : SECRETS) {
            assertThat(trace.toString()).doesNotContain(secret);
            assertThat(count("SELECT COUNT(*) FROM network_event WHERE content LIKE '%" + secret + "%'"))
                    .as("stored %s", secret).isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM network_event")).isEqualTo(3);
        assertThat(server.get(samples + "/trace-none").statusCode()).isEqualTo(404);
        assertThat(networkItems("traces", "stored")).isEqualTo(3);
        assertThat(networkItems("traces", "invalid")).isEqualTo(1);
        assertThat(networkItems("traces", "unattributed")).isEqualTo(1);
        assertThat(networkItems("events", "stored")).isEqualTo(3);
    }

    @Test
    void contentNeedsTheAdminTokenWhenOneIsSetButTheSampleListDoesNot() {
        start(Map.of(Settings.ADMIN_TOKEN, "admin-secret"));
        String task = networkTask(null, "admin-secret");
        sendLogs(sampledTrace("shop", "shop-0", t0 + 2_000, "trace-1", "/api/pay", "slow", 900, 200, app, envoy,
                "client"));
        sendEvents(httpEvent("HTTP Request Sampling", "trace-1", t0 + 2_001, REQUEST, "shop", "shop-0", "app"));
        String samples = "/api/tasks/" + task + "/network/samples";

        assertThat(server.getJson(samples).get("total").asLong()).isEqualTo(1);
        HttpResponse<String> refused = server.get(samples + "/trace-1");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("amount");
        HttpResponse<String> wrong = server.send("GET", samples + "/trace-1", null, "guess");
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> allowed = server.send("GET", samples + "/trace-1", null, "admin-secret");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("amount").doesNotContain("s3cr3t-token");
    }

    @Test
    void aTraceWithEventsButNoSampleIsItsIdNoSamplesAndItsEvents() {
        start(Map.of());
        String task = networkTask(null, null);
        sendEvents(httpEvent("HTTP Request Sampling", "trace-1", t0 + 2_001, REQUEST, "shop", "shop-0", "app"));

        JsonNode trace = server.getJson("/api/tasks/" + task + "/network/samples/trace-1");
        assertThat(trace.fieldNames()).toIterable().containsExactly("traceId", "samples", "events");
        assertThat(trace.get("traceId").asText()).isEqualTo("trace-1");
        assertThat(trace.get("samples")).isEmpty();
        assertThat(trace.get("events")).extracting(e -> e.get("event").asText())
                .containsExactly("HTTP Request Sampling");
    }

    @Test
    void contentIsCutPerEventAndLeftOutOnceTheTaskReachesItsCap() throws Exception {
        start(Map.of(Settings.NETWORK_CONTENT_MAX_PER_EVENT, "100", Settings.NETWORK_CONTENT_MAX_PER_TASK, "150"));
        String task = networkTask(null, null);
        sendEvents(httpEvent("HTTP Request Sampling", "trace-1", t0 + 2_001, REQUEST + "x".repeat(300), "shop",
                        "shop-0", "app"),
                httpEvent("HTTP Response Sampling", "trace-1", t0 + 2_100, "HTTP/1.1 200 OK\r\n\r\n" + "y".repeat(90),
                        "shop", "shop-0", "app"));

        JsonNode events = server.getJson("/api/tasks/" + task + "/network/samples/trace-1").get("events");
        // Cut to 100 bytes, then masked (which shortens the token).
        long firstBytes = events.get(0).get("contentBytes").asLong();
        assertThat(firstBytes).isBetween(50L, 100L);
        assertThat(events.get(0).get("content").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .hasSize((int) firstBytes);
        assertThat(events.get(0).get("contentTruncated").asBoolean()).isTrue();
        assertThat(events.get(0).get("content").asText()).startsWith("POST /api/pay").contains("Authorization: ******")
                .doesNotContain("s3cr3t");
        assertThat(events.get(1).get("content").isNull()).isTrue();
        assertThat(events.get(1).get("contentDropped").asBoolean()).isTrue();
        assertThat(count("SELECT SUM(content_bytes) FROM network_event")).isEqualTo(firstBytes);
        assertThat(networkItems("events", "content_capped")).isEqualTo(1);

        // A later stream is capped by what the earlier ones stored.
        sendEvents(httpEvent("HTTP Response Sampling", "trace-1", t0 + 2_200, "HTTP/1.1 200 OK\r\n\r\n"
                + "z".repeat(90), "shop", "shop-0", "app"));
        JsonNode later = server.getJson("/api/tasks/" + task + "/network/samples/trace-1").get("events");
        assertThat(later).hasSize(3);
        assertThat(later.get(2).get("contentDropped").asBoolean()).isTrue();
        assertThat(count("SELECT bytes FROM network_content")).isEqualTo(firstBytes);
        assertThat(networkItems("events", "content_capped")).isEqualTo(2);
    }

    @Test
    void resultsGoWithTheirTaskWhenItsRetentionEnds() throws Exception {
        start(Map.of());
        String task = networkTask(null, null);
        sendTwoFlushes();
        sendLogs(sampledTrace("shop", "shop-0", t0 + 2_000, "trace-1", "/api/pay", "slow", 900, 200, app, envoy,
                "client"));
        sendEvents(httpEvent("HTTP Request Sampling", "trace-1", t0 + 2_001, REQUEST, "shop", "shop-0", "app"));
        assertThat(count("SELECT COUNT(*) FROM network_meter")).isPositive();

        server.clock().advance(Settings.defaults().get(Settings.TASK_RETENTION).plusMinutes(11));
        assertThat(server.server().parts().jobs().runIfLeaseHolder(ClusterJob.TASK_PURGE)).isTrue();

        assertThat(server.get("/api/tasks/" + task + "/network/topology").statusCode()).isEqualTo(404);
        for (String table : List.of("network_meter", "network_histogram", "network_sample", "network_event",
                "network_content")) {
            assertThat(count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
    }

    private double networkItems(String stream, String outcome) {
        return server.metrics().value("groundstation_network_items_total", "stream", stream, "outcome", outcome);
    }

    private long count(String sql) throws Exception {
        Settings resolved = Settings.defaults().with(settings);
        try (Connection connection = DriverManager.getConnection(resolved.get(Settings.JDBC_URL),
                resolved.get(Settings.JDBC_USER), resolved.get(Settings.JDBC_PASSWORD));
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

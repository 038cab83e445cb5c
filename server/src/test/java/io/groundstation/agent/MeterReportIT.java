package io.groundstation.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.config.Settings;
import io.groundstation.meter.ContinuousMetric;
import io.groundstation.meter.LatestValue;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.ClientStreams;
import io.groundstation.testing.fixtures.Rover;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.PerTestServer;
import io.groundstation.testing.harness.Scrape;
import io.groundstation.testing.harness.TestDatabase;
import org.apache.skywalking.apm.network.language.agent.v3.Label;
import org.apache.skywalking.apm.network.language.agent.v3.MeterBucketValue;
import org.apache.skywalking.apm.network.language.agent.v3.MeterData;
import org.apache.skywalking.apm.network.language.agent.v3.MeterDataCollection;
import org.apache.skywalking.apm.network.language.agent.v3.MeterHistogram;
import org.apache.skywalking.apm.network.language.agent.v3.MeterReportServiceGrpc;
import org.apache.skywalking.apm.network.language.agent.v3.MeterSingleValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

@OnEveryDatabase
class MeterReportIT {

    @Parameter
    TestDatabase database;

    private static final String CPU = "rover_con_p_process_cpu";
    private static final String THREADS = "rover_con_p_process_thread_count";
    private static final String LOAD = "rover_con_p_system_load";
    private static final String ERRORS = "rover_con_p_http_error_rate";
    private static final String LATENCY = "rover_con_p_http_avg_response_time";
    private static final String SQRT_1 = Ids.processId("sqrt", "pod-1", "sqrt");
    private static final String ENVOY_1 = Ids.processId("sqrt", "pod-1", "envoy");
    private static final String SQRT_2 = Ids.processId("sqrt", "pod-2", "sqrt");

    /** Nothing is written behind the test's back: it flushes when it means to. */
    @RegisterExtension
    final PerTestServer server = new PerTestServer(Map.of(Settings.METER_FLUSH_INTERVAL, "1h"));
    private MeterReportServiceGrpc.MeterReportServiceStub meters;
    private long t;

    @BeforeEach
    void start() {
        meters = MeterReportServiceGrpc.newStub(server.get().channel());
        t = server.get().clock().millis();
        Rover.reportProcesses(server.get(), "agent-1",
                k8s(entity("GENERAL", "sqrt", "pod-1", "sqrt"), 10, "/bin/sqrt"),
                k8s(entity("MESH", "sqrt", "pod-1", "envoy"), 11, "/bin/envoy"),
                k8s(entity("GENERAL", "sqrt", "pod-2", "sqrt"), 12, "/bin/sqrt"));
    }

    @Test
    void anAgentShapedBatchLandsAsPointsPerProcess() {
        ClientStreams.send(meters::collectBatch, List.of(
                // Continuous meters: every element carries the header; HTTP values share one timestamp.
                MeterDataCollection.newBuilder()
                        .addMeterData(single("sqrt", "pod-1", t, CPU, 12.5, "sqrt", null))
                        .addMeterData(single("sqrt", "pod-1", t, THREADS, 42, "sqrt", null))
                        .addMeterData(single("sqrt", "pod-1", t, LOAD, 1.75, "sqrt", null))
                        .addMeterData(single("sqrt", "pod-1", t, LOAD, 1.75, "sqrt", null))
                        .addMeterData(single("sqrt", "pod-1", t, ERRORS, 0, "sqrt", "/api/a"))
                        .addMeterData(single("sqrt", "pod-1", t, ERRORS, 50, "sqrt", "/api/a"))
                        .addMeterData(single("sqrt", "pod-1", t, ERRORS, 100, "sqrt", "/api/a"))
                        .addMeterData(single("sqrt", "pod-1", t, LATENCY, 120.5, "sqrt", "global"))
                        .addMeterData(single("sqrt", "pod-1", t, "rover_net_p_connect_counter", 7, "sqrt", null))
                        .addMeterData(histogram("sqrt", "pod-1", t))
                        .build(),
                // Network-style: only the first element carries service, instance and timestamp.
                MeterDataCollection.newBuilder()
                        .addMeterData(single("sqrt", "pod-1", t + 2_000, ERRORS, 10, "envoy", "/api/b"))
                        .addMeterData(single("", "", 0, ERRORS, 20, "envoy", "/api/b"))
                        .addMeterData(single("", "", 0, LATENCY, 5, "envoy", "global"))
                        .build(),
                MeterDataCollection.newBuilder()
                        .addMeterData(single("sqrt", "pod-2", t, CPU, 99, "sqrt", null))
                        .build()));
        server.get().server().parts().meters().flush();

        JsonNode sqrt = server.get().getJson("/api/processes/" + SQRT_1 + "/metrics?from=" + (t - 1_000)
                + "&to=" + (t + 10_000));
        assertThat(sqrt.get("truncated").asBoolean()).isFalse();
        assertThat(series(sqrt.get("series"))).containsExactly(
                "process_cpu=" + t + ":12.5",
                "process_thread_count=" + t + ":42.0",
                "system_load=" + t + ":1.75," + t + ":1.75",
                "http_error_rate /api/a=" + t + ":0.0," + t + ":50.0," + t + ":100.0",
                "http_avg_response_time global=" + t + ":120.5");
        JsonNode envoy = server.get().getJson("/api/processes/" + ENVOY_1 + "/metrics?from=" + (t - 1_000)
                + "&to=" + (t + 10_000));
        assertThat(series(envoy.get("series"))).containsExactly(
                "http_error_rate /api/b=" + (t + 2_000) + ":10.0," + (t + 2_000) + ":20.0",
                "http_avg_response_time global=" + (t + 2_000) + ":5.0");

        JsonNode service = server.get().getJson("/api/services/sqrt/metrics?metric=process_cpu&from=" + (t - 1_000)
                + "&to=" + (t + 10_000));
        List<String> processes = new ArrayList<>();
        service.get("processes").forEach(p -> processes.add(p.get("processId").asText() + " "
                + series(p.get("series"))));
        assertThat(processes).containsExactlyInAnyOrder(
                SQRT_1 + " [process_cpu=" + t + ":12.5]",
                SQRT_2 + " [process_cpu=" + t + ":99.0]");

        Scrape metrics = server.get().metrics();
        assertThat(metrics.value("groundstation_meter_values_total", "outcome", "stored")).isEqualTo(12);
        assertThat(metrics.value("groundstation_meter_values_total", "outcome", "ignored")).isEqualTo(2);
        assertThat(metrics.value("groundstation_agent_stream_messages_total",
                "service", "skywalking.v3.MeterReportService")).isEqualTo(3);
    }

    @Test
    void rangesMetricFiltersAndLimitsNarrowTheAnswer() {
        ClientStreams.send(meters::collectBatch, List.of(MeterDataCollection.newBuilder()
                .addMeterData(single("sqrt", "pod-1", t, CPU, 1, "sqrt", null))
                .addMeterData(single("sqrt", "pod-1", t + 5_000, CPU, 2, "sqrt", null))
                .addMeterData(single("sqrt", "pod-1", t + 5_000, THREADS, 3, "sqrt", null))
                .addMeterData(single("sqrt", "pod-1", t + 10_000, CPU, 4, "sqrt", null))
                .build()));
        server.get().server().parts().meters().flush();
        String path = "/api/processes/" + SQRT_1 + "/metrics";

        assertThat(series(server.get().getJson(path + "?metric=process_cpu&from=" + (t + 1) + "&to=" + (t + 10_000))
                .get("series"))).containsExactly("process_cpu=" + (t + 5_000) + ":2.0");
        JsonNode limited = server.get().getJson(path + "?from=" + t + "&to=" + (t + 20_000) + "&limit=2");
        assertThat(limited.get("truncated").asBoolean()).isTrue();
        assertThat(series(limited.get("series"))).containsExactly(
                "process_cpu=" + t + ":1.0," + (t + 5_000) + ":2.0");
        assertThat(server.get().get(path + "?metric=disk_io").statusCode()).isEqualTo(400);
        assertThat(server.get().get(path + "?from=" + t + "&to=" + t).statusCode()).isEqualTo(400);
    }

    @Test
    void aPlainCollectStreamIsOneInputSetForTheHeaderRule() {
        ClientStreams.send(meters::collect, List.of(
                single("sqrt", "pod-1", t, CPU, 10, "sqrt", null),
                single("", "", 0, CPU, 20, "envoy", null),
                single("", "", t + 1_000, CPU, 30, "envoy", null)));
        // A new stream starts with no header: its headerless meter attaches to nothing.
        ClientStreams.send(meters::collect, List.of(single("", "", 0, CPU, 40, "sqrt", null)));
        server.get().server().parts().meters().flush();

        String query = "/metrics?from=" + (t - 1_000) + "&to=" + (t + 10_000);
        assertThat(series(server.get().getJson("/api/processes/" + SQRT_1 + query).get("series")))
                .containsExactly("process_cpu=" + t + ":10.0");
        assertThat(series(server.get().getJson("/api/processes/" + ENVOY_1 + query).get("series")))
                .containsExactly("process_cpu=" + t + ":20.0," + (t + 1_000) + ":30.0");
        assertThat(server.get().metrics().value("groundstation_meter_values_total", "outcome", "invalid")).isEqualTo(1);
    }

    @Test
    void bufferedPointsAreWrittenAtShutdown() {
        ClientStreams.send(meters::collectBatch, List.of(MeterDataCollection.newBuilder()
                .addMeterData(single("sqrt", "pod-1", t, CPU, 7, "sqrt", null)).build()));
        String path = "/api/processes/" + SQRT_1 + "/metrics?from=" + (t - 1_000) + "&to=" + (t + 1_000);
        assertThat(server.get().getJson(path).get("series")).isEmpty();

        server.get().restart();

        assertThat(series(server.get().getJson(path).get("series"))).containsExactly("process_cpu=" + t + ":7.0");
    }

    @Test
    void pointsOlderThanTheRetentionArePurged() {
        ClientStreams.send(meters::collectBatch, List.of(MeterDataCollection.newBuilder()
                .addMeterData(single("sqrt", "pod-1", t, CPU, 1, "sqrt", null))
                .addMeterData(single("sqrt", "pod-1", t + Duration.ofHours(2).toMillis(), CPU, 2, "sqrt", null))
                .build()));
        server.get().server().parts().meters().flush();

        server.get().clock().advance(Duration.ofHours(25));
        assertThat(server.get().server().parts().meters().purgeExpired()).isEqualTo(1);

        assertThat(series(server.get().getJson("/api/processes/" + SQRT_1 + "/metrics?from=" + t
                + "&to=" + (t + Duration.ofHours(3).toMillis())).get("series")))
                .containsExactly("process_cpu=" + (t + Duration.ofHours(2).toMillis()) + ":2.0");
    }

    @Test
    void latestValuesAreTheNewestOfEachSeriesWithinTheWindow() {
        ClientStreams.send(meters::collectBatch, List.of(MeterDataCollection.newBuilder()
                .addMeterData(single("sqrt", "pod-1", t - 600_000, THREADS, 5, "sqrt", null))
                .addMeterData(single("sqrt", "pod-1", t - 5_000, CPU, 1, "sqrt", null))
                .addMeterData(single("sqrt", "pod-1", t, CPU, 2, "sqrt", null))
                .addMeterData(single("sqrt", "pod-1", t, ERRORS, 30, "sqrt", "/api/a"))
                .addMeterData(single("sqrt", "pod-1", t, ERRORS, 60, "sqrt", "/api/a"))
                .addMeterData(single("sqrt", "pod-2", t, CPU, 9, "sqrt", null))
                .build()));
        server.get().server().parts().meters().flush();

        Map<String, List<LatestValue>> latest = server.get().server().parts().meters()
                .latest(List.of(SQRT_1, ENVOY_1), Duration.ofMinutes(1));

        assertThat(latest).containsOnlyKeys(SQRT_1);
        assertThat(latest.get(SQRT_1)).containsExactly(
                new LatestValue(ContinuousMetric.PROCESS_CPU, "", t, 2),
                new LatestValue(ContinuousMetric.HTTP_ERROR_RATE, "/api/a", t, 60));
    }

    /** Each series as "metric[ uri]=time:value,…", in the order the API lists them. */
    private static List<String> series(JsonNode series) {
        List<String> lines = new ArrayList<>();
        for (JsonNode s : series) {
            List<String> points = new ArrayList<>();
            s.get("points").forEach(p -> points.add(p.get("timestamp").asLong() + ":" + p.get("value").asDouble()));
            lines.add(s.get("metric").asText() + (s.has("uri") ? " " + s.get("uri").asText() : "") + "="
                    + String.join(",", points));
        }
        return lines;
    }

    private static MeterData single(String service, String instance, long timestamp, String name, double value,
                                    String processName, String uri) {
        MeterSingleValue.Builder meter = MeterSingleValue.newBuilder().setName(name).setValue(value)
                .addLabels(label("process_name", processName)).addLabels(label("layer", "GENERAL"));
        if (uri != null) {
            meter.addLabels(label("uri", uri));
        }
        return MeterData.newBuilder().setService(service).setServiceInstance(instance).setTimestamp(timestamp)
                .setSingleValue(meter).build();
    }

    private static MeterData histogram(String service, String instance, long timestamp) {
        return MeterData.newBuilder().setService(service).setServiceInstance(instance).setTimestamp(timestamp)
                .setHistogram(MeterHistogram.newBuilder().setName("rover_net_p_latency")
                        .addValues(MeterBucketValue.newBuilder().setBucket(0).setCount(3))).build();
    }

    private static Label label(String name, String value) {
        return Label.newBuilder().setName(name).setValue(value).build();
    }
}

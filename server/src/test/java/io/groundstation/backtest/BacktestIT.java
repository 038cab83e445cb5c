package io.groundstation.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.ClientStreams;
import io.groundstation.testing.fixtures.Rover;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.PerTestServer;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.language.agent.v3.Label;
import org.apache.skywalking.apm.network.language.agent.v3.MeterData;
import org.apache.skywalking.apm.network.language.agent.v3.MeterDataCollection;
import org.apache.skywalking.apm.network.language.agent.v3.MeterReportServiceGrpc;
import org.apache.skywalking.apm.network.language.agent.v3.MeterSingleValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/** A draft policy replayed over stored series, with the agent's window rule, task duration and cooldown. */
@OnEveryDatabase
class BacktestIT {

    @Parameter
    TestDatabase database;

    private static final String CPU_POLICY = """
            {"targets": {"ON_CPU": {"PROCESS_CPU": {"threshold": 80, "period": 10, "count": 5}}}, "hours": 2}""";

    @RegisterExtension
    final PerTestServer server = new PerTestServer();
    /** The first burst; a multiple of the agent's 5-s check so expected trigger times are exact. */
    private long t0;

    @BeforeEach
    void start() {
        Rover.reportProcesses(server.get(), "a", k8s(entity("K8S_SERVICE", "shop", "shop-0", "java"), 1, "java"));
        t0 = Math.floorDiv(server.get().clock().millis() - 3_600_000, 5_000) * 5_000;
    }

    @Test
    void aSeriesCrossingTheThresholdInThreeWindowsFiresThreeTimesHonouringCooldown() {
        // Bursts of 30 s at 90 % at t0, +600 s (inside the first task's 1200 s cooldown), +1500 s and +3000 s.
        List<Long> bursts = List.of(t0, t0 + 600_000, t0 + 1_500_000, t0 + 3_000_000);
        sendCpuSeries(bursts);

        JsonNode result = backtest(CPU_POLICY);

        assertThat(result.get("estimate").asBoolean()).isTrue();
        assertThat(result.get("method").asText()).startsWith("An estimate.").contains("cooldown (1200 s");
        assertThat(result.get("triggers")).extracting(t -> t.get("firedAt").asLong())
                .containsExactly(t0, t0 + 1_500_000, t0 + 3_000_000);
        JsonNode first = result.get("triggers").get(0);
        assertThat(first.get("processId").asText()).isEqualTo(Ids.processId("shop", "shop-0", "java"));
        assertThat(first.get("process").asText()).isEqualTo("java");
        assertThat(first.get("target").asText()).isEqualTo("ON_CPU");
        assertThat(first.get("items")).extracting(JsonNode::asText).containsExactly("PROCESS_CPU");
        assertThat(result.get("processesWithData").asInt()).isEqualTo(1);
    }

    @Test
    void aShorterCooldownLetsTheSuppressedBurstFireAndAHigherThresholdFiresNever() {
        sendCpuSeries(List.of(t0, t0 + 600_000, t0 + 1_500_000, t0 + 3_000_000));

        assertThat(backtest(CPU_POLICY.replace("\"hours\": 2", "\"hours\": 2, \"cooldownSeconds\": 0,"
                + " \"taskDurationSeconds\": 60")).get("triggerCount").asInt()).isEqualTo(4);
        assertThat(backtest(CPU_POLICY.replace("80", "95")).get("triggerCount").asInt()).isZero();
        assertThat(backtest(CPU_POLICY.replace("\"count\": 5", "\"count\": 10").replace("\"period\": 10",
                "\"period\": 20")).get("triggerCount").asInt()).as("30 s bursts hold 20 s windows").isEqualTo(3);
    }

    @Test
    void coverageShowsEachProcessLatestValuesNextToTheThresholds() {
        server.get().send("PUT", "/api/policies/shop", CPU_POLICY.replace(", \"hours\": 2", ""), null);
        sendCpuSeries(List.of());
        ClientStreams.send(MeterReportServiceGrpc.newStub(server.get().channel())::collectBatch,
                List.of(collection(server.get().clock().millis(), 73.5)));
        server.get().server().parts().meters().flush();

        JsonNode coverage = server.get().getJson("/api/policies/shop/coverage");

        assertThat(coverage.get("targets").get("ON_CPU").get("PROCESS_CPU").get("threshold").asText()).isEqualTo("80");
        JsonNode latest = coverage.get("instances").get(0).get("processes").get(0).get("latest").get(0);
        assertThat(latest.get("metric").asText()).isEqualTo("PROCESS_CPU");
        assertThat(latest.get("value").asDouble()).isEqualTo(73.5);
    }

    @Test
    void invalidDraftsAndRangesAreRefused() {
        HttpResponse<String> refused = server.get().send("POST", "/api/policies/shop/backtest",
                CPU_POLICY.replace("80", "800"), null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("ON_CPU.PROCESS_CPU.threshold");
        assertThat(server.get().send("POST", "/api/policies/shop/backtest", CPU_POLICY.replace("\"hours\": 2",
                "\"hours\": 100"), null).statusCode()).isEqualTo(400);
    }

    /** One CPU value every 5 s from 5 minutes before t0 to 3100 s after: 10 %, or 90 % for 30 s from each burst. */
    private void sendCpuSeries(List<Long> bursts) {
        List<MeterDataCollection> collections = new ArrayList<>();
        for (long t = t0 - 300_000; t <= t0 + 3_100_000; t += 5_000) {
            long at = t;
            boolean high = bursts.stream().anyMatch(b -> at >= b && at < b + 30_000);
            collections.add(collection(t, high ? 90 : 10));
        }
        ClientStreams.send(MeterReportServiceGrpc.newStub(server.get().channel())::collectBatch, collections);
        server.get().server().parts().meters().flush();
    }

    private static MeterDataCollection collection(long timestamp, double cpu) {
        return MeterDataCollection.newBuilder().addMeterData(MeterData.newBuilder().setService("shop")
                .setServiceInstance("shop-0").setTimestamp(timestamp).setSingleValue(MeterSingleValue.newBuilder()
                        .setName("rover_con_p_process_cpu").setValue(cpu)
                        .addLabels(Label.newBuilder().setName("process_name").setValue("java"))
                        .addLabels(Label.newBuilder().setName("layer").setValue("K8S_SERVICE")))).build();
    }

    private JsonNode backtest(String body) {
        HttpResponse<String> response = server.get().send("POST", "/api/policies/shop/backtest", body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.readJson(response.body());
    }
}

package io.groundstation.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.ClientStreams;
import io.groundstation.testing.fixtures.Rover;
import io.groundstation.testing.harness.PerTestCluster;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.language.agent.v3.MeterReportServiceGrpc;
import org.apache.skywalking.apm.network.logging.v3.LogReportServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.groundstation.testing.fixtures.NetworkStreams.collection;
import static io.groundstation.testing.fixtures.NetworkStreams.link;
import static io.groundstation.testing.fixtures.NetworkStreams.sampledTrace;
import static io.groundstation.testing.fixtures.NetworkStreams.single;
import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/** NETWORK results sent to any node go to the task made through another, and add up in one topology. */
class MultiNodeNetworkIT {

    @RegisterExtension
    final PerTestCluster cluster = new PerTestCluster(2);

    @Test
    void resultsSentToEitherNodeAddUpUnderATaskMadeThroughTheOther(TestServer a, TestServer b) {
        String app = Ids.processId("shop", "shop-0", "app");
        String envoy = Ids.processId("shop", "shop-0", "envoy");
        Rover.reportProcesses(a, "node-a", k8s(entity("MESH", "shop", "shop-0", "app"), 10, "app"),
                k8s(entity("MESH", "shop", "shop-0", "envoy"), 11, "envoy"));
        HttpResponse<String> started = a.send("POST", "/api/tasks", """
                {"service": "shop", "target": "NETWORK", "instance": "shop-0", "durationSeconds": 600}""", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String task = TestServer.readJson(started.body()).get("tasks").get(0).get("id").asText();
        // Past the refresh interval, so every node reads the new task whatever it held before.
        cluster.get().clock().advance(Duration.ofSeconds(3));
        long t = cluster.get().clock().millis();
        Map<String, String> toEnvoy = link("client", app, "server_process_id", envoy, "http", false);

        for (TestServer node : List.of(a, b, b)) {
            ClientStreams.send(MeterReportServiceGrpc.newStub(node.channel())::collectBatch, List.of(
                    collection("shop", "shop-0", t, List.of(single("rover_net_p_http1_request_counter", 5,
                            toEnvoy)))));
            ClientStreams.send(LogReportServiceGrpc.newStub(node.channel())::collect, List.of(
                    sampledTrace("shop", "shop-0", t, "trace-1", "/api/pay", "slow", 900, 200, app, envoy,
                            "client")));
        }

        for (TestServer node : List.of(a, b)) {
            JsonNode edges = node.getJson("/api/tasks/" + task + "/network/topology").get("edges");
            assertThat(edges).hasSize(1);
            assertThat(edges.get(0).get("requests").asLong()).isEqualTo(15);
            assertThat(node.getJson("/api/tasks/" + task + "/network/samples").get("total").asLong())
                    .as("the same sample from three reports is one").isEqualTo(1);
        }
    }
}

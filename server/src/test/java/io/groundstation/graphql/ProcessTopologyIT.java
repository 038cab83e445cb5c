package io.groundstation.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.ClientStreams;
import io.groundstation.testing.fixtures.Rover;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.PerTestServer;
import io.groundstation.testing.harness.TestDatabase;
import org.apache.skywalking.apm.network.language.agent.v3.MeterDataCollection;
import org.apache.skywalking.apm.network.language.agent.v3.MeterReportServiceGrpc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.groundstation.testing.fixtures.NetworkStreams.collection;
import static io.groundstation.testing.fixtures.NetworkStreams.link;
import static io.groundstation.testing.fixtures.NetworkStreams.single;
import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * getProcessTopology as swctl and Horizon ask for it, over HTTP, against what a NETWORK task's agent sent over
 * gRPC (the same stored results as the JSON API's topology): OAP's process ids, virtual peers, calls and detect
 * points; and a NETWORK task kept alive for more than a day still getting its data.
 */
@OnEveryDatabase
class ProcessTopologyIT {

    private static final String SHOP = "ns::shop";
    private static final String SHOP_1 = Ids.instanceId(SHOP, "shop-1");
    private static final String JAVA = Ids.processId(SHOP, "shop-1", "java");
    private static final String ENVOY = Ids.processId(SHOP, "shop-1", "envoy");
    /** OAP's virtual processes of the instance for a local peer and for a remote address. */
    private static final String LOCAL = Ids.processId(SHOP, "shop-1", "UNKNOWN_LOCAL");
    private static final String REMOTE = Ids.processId(SHOP, "shop-1", "UNKNOWN_REMOTE");
    /** A peer process id no agent registered. */
    private static final String GONE = Ids.processId(SHOP, "shop-1", "gone");
    /** What Horizon (skywalking-booster-ui) sends: its own alias and field order. */
    private static final String HORIZON = "query queryData($serviceInstanceId: ID!, $duration: Duration!) {"
            + " topology: getProcessTopology(serviceInstanceId: $serviceInstanceId, duration: $duration) {"
            + " nodes { id name isReal serviceName serviceId serviceInstanceId serviceInstanceName }"
            + " calls { id source detectPoints target sourceComponents targetComponents } } }";

    @Parameter
    TestDatabase database;
    @RegisterExtension
    final PerTestServer server = new PerTestServer();
    private GraphqlClient graphql;

    @BeforeEach
    void start() {
        Rover.reportProcesses(server.get(), "node-b",
                k8s(entity("K8S_SERVICE", SHOP, "shop-1", "java"), 101, "java"),
                k8s(entity("MESH", SHOP, "shop-1", "envoy"), 102, "envoy"),
                k8s(entity("K8S_SERVICE", SHOP, "shop-2", "java"), 103, "java"));
        graphql = new GraphqlClient(server.get());
    }

    private String networkTask() {
        JsonNode created = graphql.result(SwctlDocuments.CREATE_NETWORK_TASK, Map.of("request", Map.of(
                "instanceId", SHOP_1)));
        assertThat(created.get("status").asBoolean()).as(created.toString()).isTrue();
        return created.get("id").asText();
    }

    /** A NETWORK task of shop-1, then its agent's flush 2 s later; returns the time of the flush. */
    private long networkTaskWithAFlush() {
        networkTask();
        long sent = server.get().clock().millis() + 2_000;
        sendFlush(sent);
        return sent;
    }

    private void sendMeters(MeterDataCollection... collections) {
        ClientStreams.send(MeterReportServiceGrpc.newStub(server.get().channel())::collectBatch, List.of(collections));
    }

    /**
     * One flush of shop-1's agent: both ends of java → envoy, envoy → an outside HTTPS server and an outside plain
     * TCP server (one remote node), local → java.
     */
    private void sendFlush(long time) {
        sendMeters(collection(SHOP, "shop-1", time, List.of(
                single("rover_net_p_client_write_bytes_counter", 100,
                        link("client", JAVA, "server_process_id", ENVOY, "http", false)),
                single("rover_net_p_server_read_bytes_counter", 100,
                        link("server", ENVOY, "client_process_id", JAVA, "http", false)),
                single("rover_net_p_client_write_counts_counter", 2,
                        link("client", ENVOY, "server_address", "10.0.0.10:5432", "unknown", false)),
                single("rover_net_p_http1_request_counter", 4,
                        link("client", ENVOY, "server_address", "10.0.0.9:443", "http", true)),
                single("rover_net_p_server_connect_counts_counter", 1,
                        link("server", JAVA, "client_local", "true", "unknown", false)),
                single("rover_net_p_client_connect_counts_counter", 1,
                        link("client", JAVA, "server_process_id", GONE, "unknown", true)))));
    }

    private Map<String, Object> lastMinutes(int minutes) {
        long now = server.get().clock().millis();
        return GraphqlClient.minutes(now - minutes * 60_000L, now);
    }

    private JsonNode topology(String instanceId, Map<String, Object> duration) {
        return graphql.result(SwctlDocuments.PROCESS_TOPOLOGY, Map.of("serviceInstanceId", instanceId,
                "duration", duration));
    }

    private static List<String> calls(JsonNode topology) {
        List<String> calls = new ArrayList<>();
        topology.get("calls").forEach(c -> calls.add(c.get("id").asText() + " " + c.get("detectPoints") + " "
                + c.get("sourceComponents") + " " + c.get("targetComponents")));
        return calls;
    }

    @Test
    void aNetworkTasksLinksAreOapsProcessTopologyOfTheInstance() {
        networkTaskWithAFlush();
        server.get().clock().advance(Duration.ofSeconds(30));

        JsonNode topology = topology(SHOP_1, lastMinutes(15));

        // As OAP 10.1.0 (network-profiling.yaml, component-libraries.yml): plain TCP is "tcp", and a side seen
        // with several components shows the one of highest priority (https > http > tls > tcp).
        assertThat(calls(topology)).containsExactlyInAnyOrder(
                JAVA + "-" + ENVOY + " [\"CLIENT\",\"SERVER\"] [\"http\"] [\"http\"]",
                ENVOY + "-" + REMOTE + " [\"CLIENT\"] [\"https\"] []",
                LOCAL + "-" + JAVA + " [\"SERVER\"] [] [\"tcp\"]",
                JAVA + "-" + GONE + " [\"CLIENT\"] [\"tls\"] []");
        for (JsonNode call : topology.get("calls")) {
            assertThat(call.get("id").asText()).isEqualTo(call.get("source").asText() + "-"
                    + call.get("target").asText());
        }
        List<String> nodes = new ArrayList<>();
        topology.get("nodes").forEach(n -> nodes.add(n.get("id").asText() + " " + n.get("name").asText() + " "
                + n.get("isReal").asBoolean() + " " + n.get("serviceId").asText() + " "
                + n.get("serviceName").asText() + " " + n.get("serviceInstanceId").asText() + " "
                + n.get("serviceInstanceName").asText()));
        String ofShop1 = " " + Ids.serviceId(SHOP) + " " + SHOP + " " + SHOP_1 + " shop-1";
        // The process nobody registered is left out of the nodes, as OAP leaves out what it has no traffic of.
        assertThat(nodes).containsExactlyInAnyOrder(JAVA + " java true" + ofShop1, ENVOY + " envoy true" + ofShop1,
                LOCAL + " UNKNOWN_LOCAL false" + ofShop1, REMOTE + " UNKNOWN_REMOTE false" + ofShop1);

        JsonNode horizon = graphql.send(HORIZON, Map.of("serviceInstanceId", SHOP_1, "duration", lastMinutes(15)));
        assertThat(horizon.has("errors")).as(horizon.toString()).isFalse();
        assertThat(horizon.get("data").get("topology").get("calls")).hasSize(4);
        assertThat(horizon.get("data").get("topology").get("nodes")).hasSize(4);
    }

    @Test
    void onlyTheInstanceAndTheTimeAsked() {
        long sent = networkTaskWithAFlush();
        server.get().clock().advance(Duration.ofHours(2));

        assertThat(topology(SHOP_1, lastMinutes(30)).get("calls")).as("long after the flush").isEmpty();
        Map<String, Object> aroundTheFlush = GraphqlClient.minutes(sent - 60_000, sent);
        assertThat(topology(SHOP_1, aroundTheFlush).get("calls")).hasSize(4);
        assertThat(topology(Ids.instanceId(SHOP, "shop-2"), aroundTheFlush).get("calls"))
                .as("another instance of the service").isEmpty();
        JsonNode nonsense = topology("not an instance id", aroundTheFlush);
        assertThat(nonsense.get("nodes")).isEmpty();
        assertThat(nonsense.get("calls")).isEmpty();
    }

    @Test
    void aNetworkTaskKeptAliveForMoreThanADayKeepsGettingItsData() {
        String task = networkTask();
        long started = server.get().clock().millis();
        // swctl's keep-alive loop: keepEBPFNetworkProfiling every few minutes, for 25 hours.
        while (server.get().clock().millis() - started < Duration.ofHours(25).toMillis()) {
            server.get().clock().advance(Duration.ofMinutes(9));
            JsonNode kept = graphql.result(SwctlDocuments.KEEP_NETWORK_TASK, Map.of("taskId", task));
            assertThat(kept.get("status").asBoolean()).as(kept.toString()).isTrue();
        }
        sendFlush(server.get().clock().millis());
        server.get().clock().advance(Duration.ofSeconds(30));

        assertThat(topology(SHOP_1, lastMinutes(5)).get("calls")).hasSize(4);
        String taskId = server.get().getJson("/api/tasks?target=NETWORK").get("items").get(0).get("id").asText();
        JsonNode stored = server.get().getJson("/api/tasks/" + taskId + "/network/topology");
        assertThat(stored.get("edges")).as("what the JSON API serves of the same task").hasSize(6);
        assertThat(server.get().metrics().value("groundstation_network_items_total", "stream", "meters",
                "outcome", "stored")).isEqualTo(6);
        assertThat(server.get().metrics().valueOrZero("groundstation_network_items_total", "stream", "meters",
                "outcome", "unattributed")).isZero();
    }
}

package io.groundstation.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.bench.reply.PolicyItem;
import io.groundstation.bench.reply.ServicePolicy;
import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import io.groundstation.testing.fixtures.AgentReplies;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingPolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServicePolicyQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.groundstation.testing.fixtures.Policies.CPU_OVER_80;
import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/** queryPolicies as the agent uses it (protocol.md §4), read back as strictly as the agent reads it. */
@OnEveryDatabase
class PolicyQueryIT {

    @Parameter
    TestDatabase database;

    private static final String ADMIN = "admin-secret";

    @TempDir
    Path data;

    private static List<ServicePolicy> poll(TestServer server, String... servicesAndVersions) {
        ContinuousProfilingPolicyQuery.Builder query = ContinuousProfilingPolicyQuery.newBuilder();
        for (int i = 0; i < servicesAndVersions.length; i += 2) {
            query.addPolicies(ContinuousProfilingServicePolicyQuery.newBuilder()
                    .setServiceName(servicesAndVersions[i]).setUuid(servicesAndVersions[i + 1]));
        }
        return AgentReplies.policies(ContinuousProfilingServiceGrpc.newBlockingStub(server.channel())
                .queryPolicies(query.build()));
    }

    /** The ServiceWithPolicyJSON text as the agent receives it. */
    private static String policyJson(TestServer server, String service, String version) {
        return ContinuousProfilingServiceGrpc.newBlockingStub(server.channel()).queryPolicies(
                        ContinuousProfilingPolicyQuery.newBuilder().addPolicies(ContinuousProfilingServicePolicyQuery
                                .newBuilder().setServiceName(service).setUuid(version)).build())
                .getCommands(0).getArgsList().stream().filter(a -> a.getKey().equals("ServiceWithPolicyJSON"))
                .findFirst().orElseThrow().getValue();
    }

    private static HttpResponse<String> put(TestServer server, String service, String body) {
        return server.send("PUT", "/api/policies/" + service, body, ADMIN);
    }

    private TestServer start(Path data) {
        return TestServer.start(data, database, Map.of(Settings.ADMIN_TOKEN, ADMIN, Settings.POLICY_RESEND_WINDOW,
                "20s"));
    }

    @Test
    void anAgentReceivesAPolicyOnceAndNothingWhileItHoldsTheCurrentVersion() {
        try (TestServer server = start(data)) {
            assertThat(poll(server, "shop", "")).as("no policy, nothing held: nothing changed").isEmpty();
            HttpResponse<String> stored = put(server, "shop", CPU_OVER_80);
            assertThat(stored.statusCode()).isEqualTo(200);
            String version = TestServer.readJson(stored.body()).get("version").asText();

            List<ServicePolicy> reply = poll(server, "shop", "", "cart", "");

            assertThat(reply).hasSize(1);
            assertThat(reply.get(0).serviceName()).isEqualTo("shop");
            assertThat(reply.get(0).uuid()).isEqualTo(version);
            assertThat(reply.get(0).profiling().get("ON_CPU").get("PROCESS_CPU"))
                    .isEqualTo(new PolicyItem("80", 10, 5, List.of(), ""));
            assertThat(poll(server, "shop", version, "cart", "")).isEmpty();
        }
    }

    @Test
    void theVersionSurvivesARestart() {
        try (TestServer server = start(data)) {
            String version = TestServer.readJson(put(server, "shop", CPU_OVER_80).body()).get("version").asText();
            server.restart();
            assertThat(poll(server, "shop", version)).isEmpty();
            assertThat(server.getJson("/api/policies/shop").get("version").asText()).isEqualTo(version);
            assertThat(TestServer.readJson(put(server, "shop", CPU_OVER_80).body()).get("version").asText())
                    .as("storing the same policy again keeps its version").isEqualTo(version);
        }
    }

    @Test
    void aChangeReachesTheNextPollAndARemovalReachesAgentsThatHoldOne() {
        try (TestServer server = start(data)) {
            String first = TestServer.readJson(put(server, "shop", CPU_OVER_80).body()).get("version").asText();
            String second = TestServer.readJson(put(server, "shop", CPU_OVER_80.replace("80", "90")).body())
                    .get("version").asText();
            assertThat(second).isNotEqualTo(first);
            assertThat(poll(server, "shop", first)).extracting(ServicePolicy::uuid).containsExactly(second);

            assertThat(server.send("DELETE", "/api/policies/shop", null, ADMIN).statusCode()).isEqualTo(204);

            List<ServicePolicy> removal = poll(server, "shop", second);
            assertThat(removal).hasSize(1);
            assertThat(removal.get(0).uuid()).isEmpty();
            assertThat(removal.get(0).profiling()).isEmpty();
            assertThat(poll(server, "shop", "")).isEmpty();
            assertThat(server.get("/api/policies/shop").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aServiceThatGainedProcessesIsResentWithItsUnchangedVersion() {
        try (TestServer server = start(data)) {
            String version = TestServer.readJson(put(server, "shop", CPU_OVER_80).body()).get("version").asText();
            put(server, "cart", CPU_OVER_80);
            String cartVersion = server.getJson("/api/policies/cart").get("version").asText();
            server.clock().advance(Duration.ofMinutes(1));
            assertThat(poll(server, "shop", version, "cart", cartVersion)).isEmpty();

            report(server, "a", 7);

            List<ServicePolicy> resent = poll(server, "shop", version, "cart", cartVersion);
            assertThat(resent).extracting(ServicePolicy::serviceName).containsExactly("shop");
            assertThat(resent.get(0).uuid()).isEqualTo(version);

            server.clock().advance(Duration.ofSeconds(21));
            assertThat(poll(server, "shop", version, "cart", cartVersion)).isEmpty();

            // Rover re-reports every process every ~200 s: that is not news, so nothing is re-sent.
            report(server, "a", 7);
            assertThat(poll(server, "shop", version, "cart", cartVersion)).isEmpty();
            // The same process under a restarted agent is news again.
            report(server, "a-restarted", 7);
            assertThat(poll(server, "shop", version, "cart", cartVersion)).extracting(ServicePolicy::serviceName)
                    .containsExactly("shop");
        }
    }

    private static void report(TestServer server, String agentId, int pid) {
        EBPFProcessServiceGrpc.newBlockingStub(server.channel()).reportProcesses(EBPFProcessReportList.newBuilder()
                .setEbpfAgentID(agentId).addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-2", "java"), pid,
                        "java")).build());
    }

    @Test
    void aStoredPolicyStaysReadableAfterALimitIsLowered() {
        String version;
        String body = """
                {"targets": {"NETWORK": {"HTTP_ERROR_RATE": {"threshold": 5, "period": 10, "count": 5,
                                                             "uriRegex": "/api/v1/orders/[0-9]+/items/[0-9]+"}}}}""";
        Map<Setting<?>, String> settings = new HashMap<>(database.create(data));
        settings.put(Settings.ADMIN_TOKEN, ADMIN);
        try (TestServer server = TestServer.start(data, settings)) {
            version = TestServer.readJson(put(server, "shop", body).body()).get("version").asText();
        }
        // The regex is longer than the new limit: new policies like it are refused, the stored one is served.
        settings.put(Settings.LIMIT_NAME_LENGTH, "20");
        try (TestServer server = TestServer.start(data, settings)) {
            // URI-filtered, so first sent in its first alternate spelling, byte for byte what was stored.
            assertThat(policyJson(server, "shop", "")).isEqualTo("[{\"ServiceName\":\"shop\",\"UUID\":\"" + version
                    + "-v1\",\"Profiling\":{\"NETWORK\":{\"HTTP_ERROR_RATE\":{\"Threshold\":\"5\",\"Period\":10,"
                    + "\"Count\":5,\"URIRegex\":\"(?:/api/v1/orders/[0-9]+/items/[0-9]+)\"}}}}]");
            assertThat(poll(server, "shop", "")).extracting(ServicePolicy::uuid).containsExactly(version + "-v1");
            assertThat(server.get("/api/policies/shop").body()).contains("\"version\":\"" + version + "\"",
                    "\"targets\":{\"NETWORK\":{\"HTTP_ERROR_RATE\":{\"threshold\":5,\"period\":10,\"count\":5,"
                            + "\"uriRegex\":\"/api/v1/orders/[0-9]+/items/[0-9]+\"}}}");
            assertThat(put(server, "cart", body).statusCode()).isEqualTo(400);
        }
    }

    /** The API returns thresholds as the numbers it accepts (the agent still gets strings, see above). */
    @Test
    void theApiRoundTripsItsOwnTypes() {
        try (TestServer server = start(data)) {
            JsonNode stored = TestServer.readJson(put(server, "shop", CPU_OVER_80).body());
            JsonNode threshold = stored.get("targets").get("ON_CPU").get("PROCESS_CPU").get("threshold");
            assertThat(threshold.isNumber()).as("threshold %s is a number", threshold).isTrue();
            assertThat(threshold.asInt()).isEqualTo(80);

            JsonNode read = server.getJson("/api/policies/shop");
            assertThat(read).isEqualTo(stored);
            String again = TestServer.readJson(put(server, "shop", "{\"targets\": " + read.get("targets") + "}")
                    .body()).get("version").asText();
            assertThat(again).as("what GET returns, PUT takes back unchanged").isEqualTo(read.get("version").asText());

            JsonNode decimal = TestServer.readJson(put(server, "cart", """
                    {"targets": {"OFF_CPU": {"SYSTEM_LOAD": {"threshold": "2.50", "period": 10, "count": 5}}}}""")
                    .body()).get("targets").get("OFF_CPU").get("SYSTEM_LOAD").get("threshold");
            assertThat(decimal.isNumber()).as("a string holding a number is read back as the number").isTrue();
            assertThat(decimal.decimalValue()).isEqualByComparingTo("2.5");
            assertThat(poll(server, "cart", "")).singleElement().satisfies(p -> assertThat(p.profiling()
                    .get("OFF_CPU").get("SYSTEM_LOAD").threshold()).as("the agent's string").isEqualTo("2.5"));
        }
    }

    @Test
    void writesNeedTheAdminTokenAndInvalidPoliciesAreRefusedWithEveryProblem() {
        try (TestServer server = start(data)) {
            assertThat(server.send("PUT", "/api/policies/shop", CPU_OVER_80, null).statusCode()).isEqualTo(401);
            assertThat(server.send("PUT", "/api/policies/shop", CPU_OVER_80, "wrong").statusCode()).isEqualTo(401);
            assertThat(server.send("DELETE", "/api/policies/shop", null, null).statusCode()).isEqualTo(401);

            HttpResponse<String> refused = put(server, "shop", """
                    {"targets": {"ON_CPU": {"PROCESS_CPU": {"threshold": "80.5", "period": 10, "count": 11}},
                                 "NETWORK": {"HTTP_ERROR_RATE": {"threshold": 5, "period": 10, "count": 5,
                                                                 "uriRegex": "(?<=x)/a"}}}}""");
            assertThat(refused.statusCode()).isEqualTo(400);
            JsonNode problems = TestServer.readJson(refused.body()).get("problems");
            assertThat(problems).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                    "ON_CPU.PROCESS_CPU.threshold: must be an integer in 1..100",
                    "ON_CPU.PROCESS_CPU.count: must be a whole number in 1..10",
                    "NETWORK.HTTP_ERROR_RATE.uriRegex: the agent's regex engine (RE2) cannot compile it: invalid named"
                            + " capture");
            assertThat(put(server, "shop", "{\"targets\": {\"ON_CPU\": {\"PROCESS_CPU\": {}}, \"ON_CPU\": {}}}")
                    .statusCode()).as("a key given twice").isEqualTo(400);
            assertThat(put(server, "shop", "not json").statusCode()).isEqualTo(400);
            assertThat(put(server, "shop", "{\"policy\": {}}").statusCode()).isEqualTo(400);
            assertThat(server.get("/api/policies/shop").statusCode()).as("nothing invalid stored").isEqualTo(404);
            assertThat(poll(server, "shop", "")).isEmpty();
        }
    }
}

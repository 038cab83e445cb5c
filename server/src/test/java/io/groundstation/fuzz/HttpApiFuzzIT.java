package io.groundstation.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groundstation.config.Settings;
import io.groundstation.fuzz.RawHttp.Answer;
import io.groundstation.fuzz.RawHttp.Request;
import io.groundstation.policy.PolicyValidator;
import io.groundstation.testing.harness.ClassServer;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile HTTP requests mutated from real ones, against a server with an admin token: every answer is a 2xx or a
 * 4xx whose JSON body names the problem, none hangs, the server answers afterwards, and what is stored is exactly
 * what the 2xx answers acknowledged, all of it valid. {@code -Dgroundstation.fuzz.http.iterations} sets the count.
 */
class HttpApiFuzzIT {

    static final int ITERATIONS = Integer.getInteger("groundstation.fuzz.http.iterations", 3_000);
    static final String ADMIN_TOKEN = "fuzz-admin-token";
    static final String SERVICE = "ns::shop";
    static final String INSTANCE = "shop-0";
    /** HttpApi's body limit, as the README states it. */
    static final long BODY_LIMIT = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ClassServer server = new ClassServer(Map.of(Settings.ADMIN_TOKEN, ADMIN_TOKEN));
    static RawHttp http;
    static ApiRequests requests;
    static final Acknowledged acknowledged = new Acknowledged();

    @BeforeAll
    static void start() {
        String processId = EBPFProcessServiceGrpc.newBlockingStub(server.get().channel()).reportProcesses(
                EBPFProcessReportList.newBuilder().setEbpfAgentID("fuzz-agent").addProcesses(k8s(
                        entity("K8S_SERVICE", SERVICE, INSTANCE, "java", "app=shop"), 7, "java -jar shop.jar"))
                        .build()).getProcesses(0).getProcessId();
        http = new RawHttp(server.get().server().httpPort());
        requests = new ApiRequests(new Random(Long.getLong("groundstation.fuzz.seed", 7)), SERVICE, INSTANCE,
                processId, acknowledged::lastTask);
    }

    @Test
    void everyHostileRequestGetsAClearAnswerAndOnlyValidDataIsStored() throws IOException {
        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        for (int i = 0; i < ITERATIONS; i++) {
            Request request = requests.next();
            Answer answer = http.send(request, ADMIN_TOKEN);
            assertClear(request, answer);
            acknowledged.record(request, answer);
            statuses.computeIfAbsent(request.route(), r -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
        }
        Map<Integer, Integer> total = new TreeMap<>();
        statuses.values().forEach(counts -> counts.forEach((status, n) -> total.merge(status, n, Integer::sum)));
        System.out.printf("HTTP API fuzz: %d hostile requests, statuses %s; by route %s%n", ITERATIONS, total,
                statuses);
        assertThat(total.keySet()).as("some mutations stay valid and are stored").anyMatch(s -> s < 300);

        assertThat(server.get().getJson("/healthz").get("status").asText()).isEqualTo("ok");
        Request valid = requests.writes().get(0);
        Answer put = http.send(valid, ADMIN_TOKEN);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        acknowledged.record(valid, put);
        assertStoredPoliciesAreTheAcknowledgedOnes();
        assertStoredTasksAreTheAcknowledgedOnes();
    }

    @Test
    void bodiesPastTheLimitAreRefusedWhetherTheirLengthIsDeclaredOrNot() {
        for (Request request : requests.oversized(BODY_LIMIT)) {
            for (Request framed : List.of(request, request.withoutLength())) {
                Answer answer = http.send(framed, ADMIN_TOKEN);
                assertClear(framed, answer);
                assertThat(answer.status()).as("%s answered %s", framed, answer).isEqualTo(413);
            }
        }
    }

    /** What the fuzzer found: each was a 500, an HTML page, or a body stored with its bad bytes replaced. */
    @Test
    void requestsThatOnceFailedAreRefusedNamingTheProblem() {
        String policy = "/api/policies/" + ApiRequests.encode(SERVICE);
        byte[] invalidUtf8 = JsonMutator.utf8(ApiRequests.POLICY.replace("/api/.*", "/api/#.*"));
        invalidUtf8[ApiRequests.POLICY.indexOf("/api/.*") + 5] = (byte) 0xFF; // the '#': no UTF-8 text holds 0xFF
        Map<Request, String> refusals = Map.of(
                Request.of("policy.backtest", "POST", policy + "/backtest", JsonMutator.utf8("null")),
                "JSON object",
                Request.of("task.start", "POST", "/api/tasks", JsonMutator.utf8("{\"service\": \"" + SERVICE
                        + "\", \"target\": \"OFF_CPU\", \"labels\": [null], \"durationSeconds\": 60}")),
                "labels: entries must not be null",
                Request.of("task.start", "POST", "/api/tasks", JsonMutator.utf8("{\"service\": \"" + SERVICE
                        + "\", \"target\": \"NETWORK\", \"instance\": \"" + INSTANCE
                        + "\", \"samplings\": [null], \"durationSeconds\": 60}")),
                "samplings: entries must not be null",
                Request.of("policy.put", "PUT", policy, invalidUtf8), "UTF-8",
                Request.of("policy.put", "PUT", policy, JsonMutator.utf8(ApiRequests.POLICY))
                        .withContentType("text/plain"), "Content-Type: application/json",
                Request.of("policy", "GET", policy + "x".repeat(20_000), null), "URI Too Long");
        refusals.forEach((request, problem) -> {
            Answer answer = http.send(request, ADMIN_TOKEN);
            assertClear(request, answer);
            assertThat(answer.status()).as("%s answered %s", request, answer).isBetween(400, 499);
            assertThat(json(request, answer).get("error").asText() + json(request, answer).path("problems"))
                    .as("%s", request).contains(problem);
        });
    }

    @Test
    void writesWithoutTheAdminTokenAreRefusedAndChangeNothing() throws IOException {
        String before = server.get().getJson("/api/policies").toString() + server.get().getJson("/api/tasks");
        for (Request write : requests.writes()) {
            for (String token : new String[]{null, "wrong-" + ADMIN_TOKEN, ""}) {
                Answer answer = http.send(write, token);
                assertClear(write, answer);
                assertThat(answer.status()).as("%s with token %s", write, token).isEqualTo(401);
            }
        }
        assertThat(server.get().getJson("/api/policies").toString() + server.get().getJson("/api/tasks"))
                .isEqualTo(before);
    }

    /**
     * A 2xx, or a 4xx with a JSON error that says what was wrong; never a 5xx or a redirect. A connection may close
     * instead only on a request line past Jetty's 8 KB header limit, or on a request Jetty refuses before reading
     * its body (a NUL in the path): the reset meeting the body still being sent can discard that refusal, so the
     * same request without its body must get it, announcing the close.
     */
    private static void assertClear(Request request, Answer answer) {
        int status = answer.status();
        if (status == RawHttp.CLOSED && request.path().length() > 8192) {
            return;
        }
        if (status == RawHttp.CLOSED) {
            assertThat(request.body()).as("%s answered %s", request, answer).isNotNull();
            Request bodiless = request.withoutBody();
            Answer refusal = http.send(bodiless, ADMIN_TOKEN);
            assertThat(refusal.status()).as("%s answered %s", bodiless, refusal).isBetween(400, 499);
            assertThat(refusal.closesConnection()).as("%s answered %s", bodiless, refusal).isTrue();
            assertClear(bodiless, refusal);
            return;
        }
        assertThat(status).as("%s answered %s", request, answer).isBetween(200, 499);
        assertThat(status / 100).as("%s answered %s", request, answer).isNotEqualTo(3);
        if (status >= 400) {
            JsonNode error = json(request, answer).path("error");
            assertThat(error.isTextual() && !error.asText().isBlank()).as("%s answered %s", request, answer).isTrue();
        } else if (status != 204 && answer.contentType().startsWith("application/json")) {
            json(request, answer);
        }
    }

    private static JsonNode json(Request request, Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError(request + " answered " + answer + ", not JSON", e);
        }
    }

    private static void assertStoredPoliciesAreTheAcknowledgedOnes() throws IOException {
        PolicyValidator validator = new PolicyValidator(Settings.defaults().get(Settings.LIMIT_NAME_LENGTH));
        Map<String, String> stored = new HashMap<>();
        for (JsonNode policy : server.get().getJson("/api/policies")) {
            String service = policy.get("service").asText();
            validator.validate(service, JSON.treeToValue(policy.get("targets"), Map.class));
            stored.put(service, policy.get("version").asText());
        }
        assertThat(stored).isEqualTo(acknowledged.policies).isNotEmpty();
    }

    private static void assertStoredTasksAreTheAcknowledgedOnes() {
        Set<String> stored = new HashSet<>();
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = server.get().getJson("/api/tasks?limit=1000&offset=" + offset);
            for (JsonNode task : page.get("items")) {
                String id = task.get("id").asText();
                stored.add(id);
                assertThat(task.get("service").asText()).isEqualTo(SERVICE);
                assertThat(task.get("durationSeconds").asInt()).isPositive();
                assertThat(task.get("stoppedAt").isNull()).as("task %s stopped", id)
                        .isEqualTo(!acknowledged.stoppedTasks.contains(id));
            }
            if (page.get("items").size() < 1000) {
                break;
            }
        }
        assertThat(stored).isEqualTo(acknowledged.tasks);
    }

    /** What the 2xx answers said was written: the model the stored data must equal. */
    static final class Acknowledged {
        final Map<String, String> policies = new HashMap<>();
        final Set<String> tasks = new HashSet<>();
        final Set<String> stoppedTasks = new HashSet<>();
        private String lastTask;

        void record(Request request, Answer answer) {
            if (answer.status() / 100 != 2) {
                return;
            }
            switch (request.route()) {
                case "policy.put" -> {
                    JsonNode reply = TestServer.readJson(answer.body());
                    assertThat(ApiRequests.encode(reply.get("service").asText())).isEqualTo(lastSegment(request));
                    policies.put(reply.get("service").asText(), reply.get("version").asText());
                }
                case "policy.delete" -> policies.remove(URLDecoder.decode(lastSegment(request),
                        StandardCharsets.UTF_8));
                case "task.start" -> TestServer.readJson(answer.body()).get("tasks").forEach(task -> {
                    lastTask = task.get("id").asText();
                    tasks.add(lastTask);
                });
                case "task.stop" -> stoppedTasks.add(TestServer.readJson(answer.body()).get("id").asText());
                default -> {
                }
            }
        }

        String lastTask() {
            return lastTask;
        }

        private static String lastSegment(Request request) {
            return request.path().substring(request.path().lastIndexOf('/') + 1);
        }
    }
}

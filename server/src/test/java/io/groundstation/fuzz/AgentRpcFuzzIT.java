package io.groundstation.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.groundstation.testing.fixtures.AgentReplies;
import io.groundstation.testing.fixtures.NetworkStreams;
import io.groundstation.testing.harness.Scrape;
import io.groundstation.testing.harness.ServerProcess;
import io.groundstation.testing.harness.TestServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousNetworkProfilingTask;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingCause;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingPolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingReport;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServicePolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingTriggeredMonitorType;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingURICause;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFOnCPUProfiling;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingData;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingStackMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingStackType;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingTaskMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingTaskQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessProperties;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFReportProcessDownstream;
import org.apache.skywalking.apm.network.language.agent.v3.MeterDataCollection;
import org.apache.skywalking.apm.network.language.agent.v3.MeterReportServiceGrpc;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEvent;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEventReportServiceGrpc;
import org.apache.skywalking.apm.network.logging.v3.LogData;
import org.apache.skywalking.apm.network.logging.v3.LogReportServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.host;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static io.groundstation.testing.fixtures.Protos.ping;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile messages mutated from real ones, against a server in its own JVM with a small heap: every call gets
 * a reply the agent reads correctly or an error status, nothing malformed is stored, and the server lives on.
 * {@code -Dgroundstation.fuzz.iterations} sets the messages per RPC.
 */
class AgentRpcFuzzIT {

    static final int ITERATIONS = Integer.getInteger("groundstation.fuzz.iterations", 5_000);
    static final int IN_FLIGHT = 64;

    @TempDir
    static Path data;
    static ServerProcess server;
    static ManagedChannel channel;
    static String networkTask;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(data, Map.of("JAVA_TOOL_OPTIONS", "-Xmx256m",
                "GROUNDSTATION_LIMIT_REQUEST_SIZE", "4MB", "GROUNDSTATION_GRPC_MAX_MESSAGE_SIZE", "8MB",
                "GROUNDSTATION_REGISTRY_PING_FLUSH_INTERVAL", "200ms"));
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
        // Policies with URI filters, so hostile polls exercise the variant logic too.
        for (String service : new String[]{"ns::MARK-svc", "mesh::svc"}) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + server.httpPort() + "/api/policies/"
                            + java.net.URLEncoder.encode(service, java.nio.charset.StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"targets\": {\"ON_CPU\": {\"PROCESS_CPU\": {\"threshold\": 80, \"period\": 10,"
                                    + " \"count\": 5}}, \"NETWORK\": {\"HTTP_ERROR_RATE\": {\"threshold\": 5,"
                                    + " \"period\": 10, \"count\": 3, \"uriList\": [\"/a\", \"/b\"]}}}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow();
        server.close();
    }

    @Test
    void reportProcessesAnswersEveryHostileReportCorrectly() throws Exception {
        EBPFProcessReportList seed = EBPFProcessReportList.newBuilder().setEbpfAgentID("fuzz-agent")
                .addProcesses(k8s(entity("K8S_SERVICE", "ns::MARK-svc", "pod-MARK", "java", "app=MARK"), 10,
                        "java -jar MARK.jar --password=x"))
                .addProcesses(k8s(entity("MESH", "mesh::svc", "pod-1", "envoy"), 10, "envoy"))
                .addProcesses(host(entity("OS_LINUX", "hosts", "node", "sshd"), 1))
                .build();
        Map<Status.Code, Integer> codes = fuzz(EBPFProcessServiceGrpc.getReportProcessesMethod().getFullMethodName(),
                seed, 1, (request, reply) -> assertEchoes(request, EBPFReportProcessDownstream.parseFrom(reply)));
        assertThat(codes.get(Status.Code.OK)).as("most mutations are still answered").isGreaterThan(ITERATIONS / 4);
        assertStoredDataIsSane();
    }

    @Test
    void keepAliveAnswersEveryHostilePingListWithEmptyCommands() throws Exception {
        EBPFProcessPingPkgList seed = EBPFProcessPingPkgList.newBuilder().setEbpfAgentID("fuzz-agent")
                .addProcesses(ping(entity("K8S_SERVICE", "ns::MARK-svc", "pod-MARK", "java"), true))
                .addProcesses(ping(entity("MESH", "mesh::svc", "pod-1", "envoy"), false))
                .build();
        Map<Status.Code, Integer> codes = fuzz(EBPFProcessServiceGrpc.getKeepAliveMethod().getFullMethodName(),
                seed, 2, (request, reply) -> assertThat(Commands.parseFrom(reply).getCommandsCount()).isZero());
        assertThat(codes.get(Status.Code.OK)).isGreaterThan(ITERATIONS / 4);
        Thread.sleep(500);
        assertStoredDataIsSane();
    }

    @Test
    void queryPoliciesAnswersEveryHostilePollInAFormTheAgentReads() throws Exception {
        ContinuousProfilingPolicyQuery seed = ContinuousProfilingPolicyQuery.newBuilder()
                .addPolicies(ContinuousProfilingServicePolicyQuery.newBuilder().setServiceName("ns::MARK-svc")
                        .setUuid("MARK-v1"))
                .addPolicies(ContinuousProfilingServicePolicyQuery.newBuilder().setServiceName("mesh::svc"))
                .build();
        Map<Status.Code, Integer> codes = fuzz(ContinuousProfilingServiceGrpc.getQueryPoliciesMethod()
                .getFullMethodName(), seed, 3, (request, reply) -> AgentReplies.policies(Commands.parseFrom(reply)));
        assertThat(codes.get(Status.Code.OK)).isGreaterThan(ITERATIONS / 4);
    }

    @Test
    void reportProfilingTaskAnswersExactlyOneTaskOrAnError() throws Exception {
        ContinuousProfilingReport seed = ContinuousProfilingReport.newBuilder().setLayer("K8S_SERVICE")
                .setServiceName("ns::MARK-svc").setInstanceName("pod-MARK").setProcessName("java").setDuration(600)
                .setNetwork(ContinuousNetworkProfilingTask.newBuilder().addSamplingURIRegexes("/MARK/.*"))
                .addCauses(ContinuousProfilingCause.newBuilder()
                        .setType(ContinuousProfilingTriggeredMonitorType.HTTPErrorRate)
                        .setUri(ContinuousProfilingURICause.newBuilder().setRegex("/MARK").setThreshold(5)
                                .setCurrent(9)))
                .build();
        Map<Status.Code, Integer> codes = fuzz(ContinuousProfilingServiceGrpc.getReportProfilingTaskMethod()
                .getFullMethodName(), seed, 4, (request, reply) -> {
                    Commands commands = Commands.parseFrom(reply);
                    assertThat(commands.getCommandsCount()).as("an empty reply crashes the agent").isEqualTo(1);
                    assertThat(commands.getCommands(0).getCommand()).isEqualTo("ContinuousProfilingReportTask");
                    assertThat(commands.getCommands(0).getArgs(0).getValue()).isNotEmpty();
                });
        assertThat(codes.get(Status.Code.OK)).isGreaterThan(ITERATIONS / 10);
        assertThat(http("/api/tasks?limit=1000").statusCode()).isEqualTo(200);
    }

    @Test
    void queryTasksAnswersOnlyCompleteTaskCommands() throws Exception {
        EBPFProfilingTaskQuery seed = EBPFProfilingTaskQuery.newBuilder().setRoverInstanceId("fuzz-MARK-agent")
                .setLatestUpdateTime(0).build();
        Map<Status.Code, Integer> codes = fuzz(EBPFProfilingServiceGrpc.getQueryTasksMethod().getFullMethodName(),
                seed, 5, (request, reply) -> Commands.parseFrom(reply).getCommandsList().forEach(command ->
                        assertThat(command.getArgsList()).extracting(KeyStringValuePair::getKey)
                                .contains("TaskId", "ProcessId", "TaskUpdateTime", "TriggerType", "TargetType",
                                        "TaskStartTime", "ExtensionConfigJSON", "FixedTriggerDuration")));
        assertThat(codes.get(Status.Code.OK)).isGreaterThan(ITERATIONS / 4);
    }

    @Test
    void collectProfilingDataSurvivesHostileStreams() throws Exception {
        EBPFProfilingData seed = EBPFProfilingData.newBuilder()
                .setTask(EBPFProfilingTaskMetadata.newBuilder().setTaskId("MARK-task").setProcessId("MARK")
                        .setCurrentTime(1))
                .setOnCPU(EBPFOnCPUProfiling.newBuilder().setDumpCount(3).addStacks(EBPFProfilingStackMetadata
                        .newBuilder().setStackType(EBPFProfilingStackType.PROCESS_USER_SPACE)
                        .addStackSymbols("MARK_leaf").addStackSymbols("main")))
                .build();
        hostileStreams(EBPFProfilingServiceGrpc.getCollectProfilingDataMethod().getFullMethodName(), seed, false,
                6);
    }

    /** The NETWORK task the network streams are attributed to, started once for all three stream tests. */
    private static synchronized String networkTask() throws Exception {
        if (networkTask == null) {
            EBPFProcessServiceGrpc.newBlockingStub(channel).reportProcesses(EBPFProcessReportList.newBuilder()
                    .setEbpfAgentID("fuzz-net-agent")
                    .addProcesses(k8s(entity("MESH", "net-svc", "net-pod", "app"), 20, "app"))
                    .addProcesses(k8s(entity("MESH", "net-svc", "net-pod", "envoy"), 21, "envoy"))
                    .build());
            HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + server.httpPort() + "/api/tasks"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"service\": \"net-svc\", \"target\": \"NETWORK\", \"instance\": \"net-pod\","
                                    + " \"durationSeconds\": 3600}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            networkTask = TestServer.readJson(started.body()).get("tasks").get(0).get("id").asText();
        }
        return networkTask;
    }

    private static String netProcess(String name) {
        return io.groundstation.registry.Ids.processId("net-svc", "net-pod", name);
    }

    @Test
    void networkMeterStreamsSurviveHostileCollectionsAndStoreOnlyWellFormedLinks() throws Exception {
        String task = networkTask();
        long now = System.currentTimeMillis();
        Map<String, String> link = NetworkStreams.link("client", netProcess("app"), "server_process_id",
                netProcess("envoy"), "http", false);
        MeterDataCollection seed = NetworkStreams.collection("net-svc", "net-pod", now, List.of(
                NetworkStreams.single("rover_net_p_http1_request_counter", 10, link),
                NetworkStreams.single("rover_net_p_http1_response_status_counter", 9,
                        NetworkStreams.with(link, "code", "200")),
                NetworkStreams.single("rover_net_p_http1_client_duration_avg", 12, link),
                NetworkStreams.histogram("rover_net_p_http1_client_duration_histogram",
                        Map.of(0.0, 1L, 10.0, 5L, 50.0, 4L), link, new java.util.Random(7)),
                NetworkStreams.single("rover_net_p_client_write_bytes_counter", 900,
                        NetworkStreams.link("client", netProcess("app"), "server_address", "10.0.0.1:80", "unknown",
                                true))));
        hostileStreams(MeterReportServiceGrpc.getCollectBatchMethod().getFullMethodName(), seed, true, 7);
        JsonNode topology = TestServer.readJson(http("/api/tasks/" + task + "/network/topology").body());
        assertThat(topology.get("edges")).as("well-formed mutations are stored").isNotEmpty();
        for (JsonNode node : topology.get("nodes")) {
            assertThat(node.get("kind").asText()).isIn("process", "local", "address");
            assertThat(node.get("id").asText()).isNotBlank().doesNotContain("\u0000");
        }
        for (JsonNode edge : topology.get("edges")) {
            assertThat(edge.get("side").asText()).isIn("client", "server");
            assertThat(edge.get("protocol").asText()).isNotBlank();
        }
        assertNetworkOutcomes("meters");
    }

    @Test
    void sampledTraceStreamsSurviveHostileLogsAndStoreOnlyWellFormedSamples() throws Exception {
        String task = networkTask();
        LogData seed = NetworkStreams.sampledTrace("net-svc", "net-pod", System.currentTimeMillis(), "MARK-trace",
                "/api/MARK", "slow", 900, 200, netProcess("app"), netProcess("envoy"), "client");
        hostileStreams(LogReportServiceGrpc.getCollectMethod().getFullMethodName(), seed, true, 8);
        JsonNode samples = TestServer.readJson(http("/api/tasks/" + task + "/network/samples?limit=1000").body());
        assertThat(samples.get("total").asLong()).isPositive();
        for (JsonNode sample : samples.get("items")) {
            assertThat(sample.get("detectPoint").asText()).isIn("client", "server");
            assertThat(sample.get("traceId").asText()).isNotEmpty().doesNotContain("\u0000");
            assertThat(sample.get("processId").asText().length()).isBetween(1, 64);
        }
        assertNetworkOutcomes("traces");
    }

    @Test
    void contentEventStreamsSurviveHostileEventsAndNeverStoreASecret() throws Exception {
        String task = networkTask();
        SpanAttachedEvent seed = NetworkStreams.httpEvent("HTTP Request Sampling", "MARK-trace",
                System.currentTimeMillis(), "GET /MARK HTTP/1.1\r\nAuthorization: Bearer fuzz-secret\r\n"
                        + "Cookie: s=fuzz-secret\r\n\r\n" + "b".repeat(2000), "net-svc", "net-pod", "app");
        hostileStreams(SpanAttachedEventReportServiceGrpc.getCollectMethod().getFullMethodName(), seed, true,
                9);
        // Mutated trace ids spread events over many traces; the seed's own is among them.
        HttpResponse<String> trace = http("/api/tasks/" + task + "/network/samples/MARK-trace");
        assertThat(trace.statusCode()).as(trace.body()).isEqualTo(200);
        JsonNode events = TestServer.readJson(trace.body()).get("events");
        assertThat(events).isNotEmpty();
        for (JsonNode event : events) {
            assertThat(event.get("content").asText("")).doesNotContain("fuzz-secret").doesNotContain("\u0000");
            assertThat(event.get("contentBytes").asLong()).isLessThanOrEqualTo(64 * 1024);
        }
        assertNetworkOutcomes("events");
    }

    /**
     * Streams of 0 to 5 mutated messages, after the seed itself when {@code seedFirst}: every one answered OK or
     * with a status naming what was wrong.
     */
    private static void hostileStreams(String method, Message seed, boolean seedFirst, long randomSeed)
            throws Exception {
        ProtoMutator mutator = new ProtoMutator(randomSeed);
        java.util.Random sizes = new java.util.Random(randomSeed);
        Map<Status.Code, Integer> codes = new EnumMap<>(Status.Code.class);
        for (int i = 0; i < ITERATIONS / 10; i++) {
            List<byte[]> stream = new java.util.ArrayList<>();
            if (seedFirst) {
                stream.add(seed.toByteArray());
            }
            for (int m = sizes.nextInt(6); m > 0; m--) {
                stream.add(mutator.mutate(seed));
            }
            RawRpc.Outcome outcome = RawRpc.clientStream(channel, method, stream).get(30, TimeUnit.SECONDS);
            record(codes, outcome.status().getCode());
            assertThat(outcome.status().getCode()).as("%s", outcome.status())
                    .isIn(Status.Code.OK, Status.Code.INVALID_ARGUMENT, Status.Code.RESOURCE_EXHAUSTED);
        }
        System.out.printf("%s: %d hostile streams, outcomes %s, server peak RSS %s%n", method, ITERATIONS / 10,
                codes, peakRss());
        assertThat(codes.get(Status.Code.OK)).isPositive();
        assertThat(server.log()).doesNotContain("OutOfMemoryError");
    }

    /** Hostile streams found both kinds: what could be stored was, what could not was counted. */
    private static void assertNetworkOutcomes(String stream) throws Exception {
        Scrape metrics = Scrape.parse(http("/metrics").body());
        String name = "groundstation_network_items_total";
        assertThat(metrics.valueOrZero(name, "stream", stream, "outcome", "stored")).isPositive();
        assertThat(metrics.valueOrZero(name, "stream", stream, "outcome", "invalid")
                + metrics.valueOrZero(name, "stream", stream, "outcome", "unattributed")).isPositive();
    }

    interface ReplyCheck {
        void check(byte[] request, byte[] reply) throws InvalidProtocolBufferException;
    }

    private static Map<Status.Code, Integer> fuzz(String method, Message seed, long randomSeed, ReplyCheck check)
            throws Exception {
        ProtoMutator mutator = new ProtoMutator(randomSeed);
        Map<Status.Code, Integer> codes = new EnumMap<>(Status.Code.class);
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        CompletableFuture<?>[] calls = new CompletableFuture<?>[ITERATIONS];
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] request = mutator.mutate(seed);
            inFlight.acquire();
            calls[i] = RawRpc.unary(channel, method, request).thenAccept(outcome -> {
                try {
                    record(codes, outcome.status().getCode());
                    if (outcome.status().isOk()) {
                        check.check(request, outcome.reply());
                    } else {
                        assertAcceptableError(request, seed, outcome.status());
                    }
                } catch (InvalidProtocolBufferException e) {
                    throw new AssertionError("unreadable reply to " + method, e);
                } finally {
                    inFlight.release();
                }
            });
        }
        CompletableFuture.allOf(calls).join();
        assertThat(codes.getOrDefault(Status.Code.UNAVAILABLE, 0)).as("calls refused as storage overload")
                .isLessThanOrEqualTo(ITERATIONS / 100);
        System.out.printf("%s: %d hostile requests, outcomes %s, server peak RSS %s%n", method, ITERATIONS, codes,
                peakRss());
        assertThat(server.log()).doesNotContain("OutOfMemoryError");
        return codes;
    }

    private static synchronized void record(Map<Status.Code, Integer> codes, Status.Code code) {
        codes.merge(code, 1, Integer::sum);
    }

    /**
     * An error is fine when it says what was wrong with the request, or that storage is briefly overloaded (64 calls
     * at once on 2 shared cores can outwait the connection pool; Rover retries) — never another server fault.
     */
    private static void assertAcceptableError(byte[] request, Message seed, Status status) {
        if (status.getCode() == Status.Code.UNAVAILABLE
                && "storage unavailable; retry later".equals(status.getDescription())) {
            return;
        }
        boolean parses;
        try {
            seed.getParserForType().parseFrom(request);
            parses = true;
        } catch (InvalidProtocolBufferException e) {
            parses = false;
        }
        assertThat(status.getCode()).as("status %s; server said %s", status, server.log().lines()
                        .filter(line -> line.contains("storage unavailable")).limit(2).toList())
                .isIn(Status.Code.INVALID_ARGUMENT, Status.Code.RESOURCE_EXHAUSTED);
        assertThat(status.getDescription()).isNotBlank();
        // RESOURCE_EXHAUSTED says which limit (message size, the trigger cap); any other refusal of bytes that
        // are not protobuf says the request was malformed.
        if (status.getCode() != Status.Code.RESOURCE_EXHAUSTED && !parses) {
            assertThat(status.getDescription()).startsWith("malformed request:");
        }
    }

    private static void assertEchoes(byte[] requestBytes, EBPFReportProcessDownstream reply)
            throws InvalidProtocolBufferException {
        EBPFProcessReportList request = EBPFProcessReportList.parseFrom(requestBytes);
        assertThat(reply.getProcessesCount()).isLessThanOrEqualTo(request.getProcessesCount());
        for (EBPFProcessDownstream entry : reply.getProcessesList()) {
            assertThat(entry.getProcessId()).hasSize(64);
            assertThat(request.getProcessesList()).anySatisfy(sent -> assertThat(echoes(sent, entry)).isTrue());
        }
    }

    private static boolean echoes(EBPFProcessProperties sent, EBPFProcessDownstream entry) {
        if (sent.hasK8SProcess()) {
            return entry.hasK8SProcess() && entry.getK8SProcess().getPid() == sent.getK8SProcess().getPid()
                    && entry.getK8SProcess().getEntityMetadata().equals(sent.getK8SProcess().getEntity());
        }
        return sent.hasHostProcess() && entry.hasHostProcess()
                && entry.getHostProcess().getPid() == sent.getHostProcess().getPid()
                && entry.getHostProcess().getEntityMetadata().equals(sent.getHostProcess().getEntity());
    }

    private static HttpResponse<String> http(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertStoredDataIsSane() throws Exception {
        for (int offset = 0; ; offset += 1000) {
            HttpResponse<String> response = http("/api/processes?limit=1000&offset=" + offset);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode items = TestServer.readJson(response.body()).get("items");
            for (JsonNode process : items) {
                for (String field : new String[]{"layer", "service", "instance", "name"}) {
                    assertThat(process.get(field).asText()).isNotBlank().doesNotContain("\u0000");
                }
            }
            if (items.size() < 1000) {
                return;
            }
        }
    }

    private static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/" + server.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("?").replaceAll("\\s+", " ");
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}

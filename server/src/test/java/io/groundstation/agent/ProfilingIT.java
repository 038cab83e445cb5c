package io.groundstation.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.jobs.ClusterJob;
import io.groundstation.protocol.pprof.Profile;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.ClientStreams;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.Scrape;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.common.v3.Command;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousOnCPUProfilingTask;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingReport;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingData;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingTaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static io.groundstation.testing.fixtures.ProfileMessages.offCpu;
import static io.groundstation.testing.fixtures.ProfileMessages.onCpu;
import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.host;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/** Fixed-time tasks through queryTasks, uploads through collectProfilingData, profiles read back three ways. */
@OnEveryDatabase
class ProfilingIT {

    @Parameter
    TestDatabase database;

    @TempDir
    Path data;
    private TestServer server;
    private Map<io.groundstation.config.Setting<?>, String> settings;
    private final String javaProcess = Ids.processId("shop", "shop-0", "java");
    private final String envoyProcess = Ids.processId("shop", "shop-0", "envoy");

    @BeforeEach
    void start() {
        settings = database.create(data);
        server = TestServer.start(data, settings);
        registerShop();
    }

    private void registerShop() {
        EBPFProcessServiceGrpc.newBlockingStub(server.channel()).reportProcesses(EBPFProcessReportList.newBuilder()
                .setEbpfAgentID("node-a")
                .addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-0", "java", "app=shop"), 10, "java"))
                .addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-0", "envoy", "app=shop", "sidecar"), 11, "envoy"))
                .addProcesses(host(entity("K8S_SERVICE", "shop", "shop-0", "sshd"), 12))
                .build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> args(Command command) {
        assertThat(command.getCommand()).isEqualTo("EBPFProfilingTaskQuery");
        return command.getArgsList().stream().collect(Collectors.toMap(KeyStringValuePair::getKey,
                KeyStringValuePair::getValue));
    }

    private Commands queryTasks(String agent, long latestUpdateTime) {
        return EBPFProfilingServiceGrpc.newBlockingStub(server.channel()).queryTasks(EBPFProfilingTaskQuery
                .newBuilder().setRoverInstanceId(agent).setLatestUpdateTime(latestUpdateTime).build());
    }

    private HttpResponse<String> startTask(String body) {
        return server.send("POST", "/api/tasks", body, null);
    }

    @Test
    void aFixedTimeTaskTravelsThroughQueryTasksWithEveryArgumentWellFormed() {
        HttpResponse<String> started = startTask("""
                {"service": "shop", "target": "ON_CPU", "processIds": ["%s"], "durationSeconds": 60}"""
                .formatted(javaProcess));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String taskId = TestServer.readJson(started.body()).get("tasks").get(0).get("id").asText();

        Commands commands = queryTasks("node-a", 0);

        assertThat(commands.getCommandsCount()).isEqualTo(1);
        Map<String, String> args = args(commands.getCommands(0));
        assertThat(args).containsOnlyKeys("TaskId", "ProcessId", "TaskUpdateTime", "TriggerType", "TargetType",
                "TaskStartTime", "ExtensionConfigJSON", "FixedTriggerDuration");
        assertThat(args).containsEntry("TaskId", taskId).containsEntry("ProcessId", javaProcess)
                .containsEntry("TriggerType", "FIXED_TIME").containsEntry("TargetType", "ON_CPU")
                .containsEntry("ExtensionConfigJSON", "null").containsEntry("FixedTriggerDuration", "60")
                .containsEntry("TaskStartTime", Long.toString(server.clock().millis()));
        long updateTime = Long.parseLong(args.get("TaskUpdateTime"));

        assertThat(queryTasks("node-a", updateTime).getCommandsCount()).as("nothing newer").isZero();
        assertThat(queryTasks("node-b", 0).getCommandsCount()).as("not this agent's process").isZero();

        server.clock().advance(Duration.ofSeconds(5));
        assertThat(server.send("POST", "/api/tasks/" + taskId + "/stop", null, null).statusCode()).isEqualTo(200);
        Map<String, String> stopped = args(queryTasks("node-a", updateTime).getCommands(0));
        assertThat(Long.parseLong(stopped.get("TaskUpdateTime"))).isGreaterThan(updateTime);
        assertThat(Long.parseLong(stopped.get("TaskStartTime")) + 1000 * Long.parseLong(stopped.get(
                "FixedTriggerDuration"))).as("the agent drops a task whose end is past").isLessThanOrEqualTo(
                server.clock().millis());
        assertThat(server.send("POST", "/api/tasks/" + taskId + "/stop", null, null).statusCode()).isEqualTo(409);
    }

    @Test
    void processesAreChosenByLabelsAndOnlyProfilableOnesAreTaken() {
        JsonNode byLabel = TestServer.readJson(startTask("""
                {"service": "shop", "target": "OFF_CPU", "labels": ["app=shop"], "durationSeconds": 30}""").body());
        assertThat(byLabel.get("tasks")).extracting(t -> t.get("processIds").get(0).asText())
                .containsExactlyInAnyOrder(javaProcess, envoyProcess);

        assertThat(startTask("""
                {"service": "shop", "target": "ON_CPU", "processIds": ["%s"], "durationSeconds": 30}"""
                .formatted(Ids.processId("shop", "shop-0", "sshd"))).body()).contains("supports eBPF profiling");
        assertThat(startTask("""
                {"service": "shop", "target": "ON_CPU", "processIds": ["%s"], "durationSeconds": 0}"""
                .formatted(javaProcess)).statusCode()).isEqualTo(400);
        assertThat(startTask("{\"service\": \"shop\", \"target\": \"GPU\", \"durationSeconds\": 5}").statusCode())
                .isEqualTo(400);
        assertThat(startTask("{\"service\": \"shop\", \"target\": \"ON_CPU\", \"durationSeconds\": 5}").body())
                .contains("processIds or labels");
    }

    @Test
    void aNetworkTaskTakesEveryProfilableProcessOfTheInstanceWithItsSamplingRules() {
        HttpResponse<String> started = startTask("""
                {"service": "shop", "target": "NETWORK", "instance": "shop-0", "durationSeconds": 120,
                 "samplings": [{"uriRegex": "/api/.*", "minDurationMillis": 200, "when5xx": true}]}""");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);

        Map<String, String> args = args(queryTasks("node-a", 0).getCommands(0));

        assertThat(args.get("TargetType")).isEqualTo("NETWORK");
        assertThat(List.of(args.get("ProcessId").split(","))).containsExactlyInAnyOrder(javaProcess, envoyProcess);
        JsonNode extension = TestServer.readJson(args.get("ExtensionConfigJSON"));
        JsonNode sampling = extension.get("NetworkSamplings").get(0);
        assertThat(sampling.get("URIRegex").asText()).isEqualTo("/api/.*");
        assertThat(sampling.get("MinDuration").asInt()).isEqualTo(200);
        assertThat(sampling.get("When4xx").asBoolean()).isFalse();
        assertThat(sampling.get("When5xx").asBoolean()).isTrue();
        assertThat(sampling.get("Settings").get("MaxRequestSize").isInt()).isTrue();
    }

    @Test
    void continuousTasksAreNeverSentThroughQueryTasks() {
        triggerOnCpu();
        assertThat(queryTasks("node-a", 0).getCommandsCount()).isZero();
    }

    @Test
    void uploadsLaidOutLikeTheAgentsBecomeFlameGraphsFoldedTextAndPprof() throws Exception {
        String onCpuTask = triggerOnCpu();
        String offCpuTask = TestServer.readJson(startTask("""
                {"service": "shop", "target": "OFF_CPU", "processIds": ["%s"], "durationSeconds": 60}"""
                .formatted(envoyProcess)).body()).get("tasks").get(0).get("id").asText();
        long now = server.clock().millis();

        assertThat(upload(List.of())).as("an empty stream is fine").isNotNull();
        upload(List.of(
                onCpu(onCpuTask, javaProcess, now, 3, "main", "work", "hot"),
                onCpu(null, null, 0, 2, "main", "work", "hot"),
                onCpu(null, null, 0, 4, "main", "idle"),
                offCpu(offCpuTask, envoyProcess, now, 2, 5_000_000, "main", "poll"),
                offCpu(null, null, 0, 1, 1_000_000, "main", "read"),
                onCpu("no-such-task", javaProcess, now, 100, "main", "ghost"),
                onCpu(null, null, 0, 100, "main", "ghost")));
        server.clock().advance(Duration.ofSeconds(20));
        upload(List.of(onCpu(onCpuTask, javaProcess, server.clock().millis(), 1, "main", "work", "hot")));

        JsonNode flame = server.getJson("/api/tasks/" + onCpuTask + "/profile/flamegraph");
        assertThat(flame.get("value").asLong()).isEqualTo(10);
        JsonNode main = flame.get("children").get(0);
        assertThat(main.get("name").asText()).isEqualTo("main");
        assertThat(main.get("children")).extracting(c -> c.get("name").asText() + "=" + c.get("value").asLong())
                .containsExactly("work=6", "idle=4");
        JsonNode work = main.get("children").get(0);
        assertThat(work.get("children").get(0).get("name").asText()).isEqualTo("hot");
        assertThat(work.get("children").get(0).get("children").get(0).get("name").asText()).isEqualTo("do_syscall");
        assertThat(work.get("children").get(0).get("children").get(0).get("kernel").asBoolean()).isTrue();

        assertThat(server.get("/api/tasks/" + onCpuTask + "/profile/folded").body()).isEqualTo(
                "main;idle;do_syscall_[k] 4\nmain;work;hot;do_syscall_[k] 6\n");
        assertThat(server.getJson("/api/tasks/" + onCpuTask + "/profile/flamegraph?from=" + (now + 10_000))
                .get("value").asLong()).as("only the later slice").isEqualTo(1);

        JsonNode offFlame = server.getJson("/api/tasks/" + offCpuTask + "/profile/flamegraph");
        assertThat(offFlame.get("value").asLong()).isEqualTo(6_000_000);
        assertThat(offFlame.get("switches").asLong()).isEqualTo(3);

        Profile onCpuPprof = pprof(onCpuTask);
        assertThat(onCpuPprof.getStringTable(0)).isEmpty();
        assertThat(onCpuPprof.getStringTable((int) onCpuPprof.getSampleType(0).getType())).isEqualTo("samples");
        assertThat(onCpuPprof.getSampleList().stream().mapToLong(s -> s.getValue(0)).sum()).isEqualTo(10);
        long leaf = onCpuPprof.getSample(0).getLocationId(0);
        assertThat(onCpuPprof.getStringTable((int) onCpuPprof.getFunction((int) leaf - 1).getName()))
                .as("locations leaf first").isEqualTo("do_syscall");
        Profile offCpuPprof = pprof(offCpuTask);
        assertThat(offCpuPprof.getSampleTypeCount()).isEqualTo(2);
        assertThat(offCpuPprof.getSampleList().stream().mapToLong(s -> s.getValue(1)).sum()).isEqualTo(6_000_000);

        JsonNode listed = server.getJson("/api/tasks?service=shop&trigger=continuous_profiling").get("items").get(0);
        assertThat(listed.get("dataArrived").asBoolean()).isTrue();
        assertThat(listed.get("data").get(0).get("processId").asText()).isEqualTo(javaProcess);
        assertThat(listed.get("data").get(0).get("samples").asLong()).isEqualTo(10);
        assertThat(listed.get("data").get(0).get("slices").asLong()).isEqualTo(2);

        Scrape metrics = server.metrics();
        assertThat(metrics.value("groundstation_profile_messages_total", "outcome", "unknown_task")).isEqualTo(2);
        assertThat(metrics.value("groundstation_profile_messages_total", "outcome", "stored")).isEqualTo(6);
        assertThat(count("SELECT COUNT(*) FROM profile_sample WHERE task_id = 'no-such-task'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM profile_stack")).as("stacks stored once").isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM profile_sample")).as("summed per slice and stack").isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM profile_symbol")).as("symbols stored once").isEqualTo(7);
        assertThat(server.get("/api/tasks/nope/profile/folded").statusCode()).isEqualTo(404);
    }

    @Test
    void tasksPastRetentionGoWithTheirProfilesAndTheStacksOnlyTheyUsed() throws Exception {
        Duration retention = io.groundstation.config.Settings.defaults().get(
                io.groundstation.config.Settings.TASK_RETENTION);
        String old = fixedTimeOnCpu(javaProcess, 60);
        upload(List.of(onCpu(old, javaProcess, server.clock().millis(), 5, "main", "shared"),
                onCpu(null, null, 0, 7, "main", "only-old")));
        String stoppedEarly = fixedTimeOnCpu(envoyProcess, 3600);
        server.clock().advance(Duration.ofMinutes(2));
        assertThat(server.send("POST", "/api/tasks/" + stoppedEarly + "/stop", null, null).statusCode())
                .isEqualTo(200);
        String triggered = triggerOnCpu();
        upload(List.of(onCpu(triggered, javaProcess, server.clock().millis(), 2, "main", "shared")));
        server.clock().advance(retention.minusMinutes(5));
        registerShop();
        server.server().parts().registry().flushPings();
        String recent = fixedTimeOnCpu(envoyProcess, 60);
        upload(List.of(onCpu(recent, envoyProcess, server.clock().millis(), 3, "main", "shared")));
        // The triggered task ran 10 minutes: it ended less than retention ago.
        server.clock().advance(Duration.ofMinutes(6));

        assertThat(server.server().parts().jobs().runIfLeaseHolder(ClusterJob.TASK_PURGE)).isTrue();

        assertThat(server.get("/api/tasks/" + old).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/tasks/" + old + "/profile/folded").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/tasks/" + stoppedEarly).statusCode()).as("ended at its stop").isEqualTo(404);
        assertThat(server.getJson("/api/tasks/" + triggered + "/profile/flamegraph").get("value").asLong())
                .isEqualTo(2);
        assertThat(server.getJson("/api/tasks/" + recent + "/profile/flamegraph").get("value").asLong())
                .isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM profile_sample WHERE task_id = '" + old + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM profiling_task_process WHERE task_id = '" + old + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM profile_stack")).as("until the stack purge").isEqualTo(2);

        assertThat(server.server().parts().jobs().runIfLeaseHolder(ClusterJob.STACK_PURGE)).isTrue();

        assertThat(count("SELECT COUNT(*) FROM profile_stack")).as("only the shared stack is used").isEqualTo(1);
        assertThat(server.get("/api/tasks/" + recent + "/profile/folded").body())
                .isEqualTo("main;shared;do_syscall_[k] 3\n");
        upload(List.of(onCpu(recent, envoyProcess, server.clock().millis(), 1, "main", "only-old")));
        assertThat(server.get("/api/tasks/" + recent + "/profile/folded").body()).as("a purged stack comes back")
                .isEqualTo("main;only-old;do_syscall_[k] 1\nmain;shared;do_syscall_[k] 3\n");
    }

    private String fixedTimeOnCpu(String processId, int seconds) {
        HttpResponse<String> started = startTask("""
                {"service": "shop", "target": "ON_CPU", "processIds": ["%s"], "durationSeconds": %d}"""
                .formatted(processId, seconds));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return TestServer.readJson(started.body()).get("tasks").get(0).get("id").asText();
    }

    private String triggerOnCpu() {
        Commands reply = ContinuousProfilingServiceGrpc.newBlockingStub(server.channel()).reportProfilingTask(
                ContinuousProfilingReport.newBuilder().setLayer("K8S_SERVICE").setServiceName("shop")
                        .setInstanceName("shop-0").setProcessName("java").setDuration(600)
                        .setOnCPU(ContinuousOnCPUProfilingTask.getDefaultInstance()).build());
        return reply.getCommands(0).getArgs(0).getValue();
    }

    private Commands upload(List<EBPFProfilingData> messages) {
        return ClientStreams.send(EBPFProfilingServiceGrpc.newStub(server.channel())::collectProfilingData, messages);
    }

    private Profile pprof(String taskId) throws Exception {
        byte[] gz = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + server.server().httpPort() + "/api/tasks/" + taskId
                                + "/profile/pprof")).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return Profile.parseFrom(in);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(settings.get(
                io.groundstation.config.Settings.JDBC_URL), settings.getOrDefault(
                io.groundstation.config.Settings.JDBC_USER, ""), "");
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

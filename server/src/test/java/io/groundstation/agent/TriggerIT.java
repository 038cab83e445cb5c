package io.groundstation.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.config.Settings;
import io.groundstation.registry.Ids;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousNetworkProfilingTask;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousOnCPUProfilingTask;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingCause;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingReport;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingSingleValueCause;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingTriggeredMonitorType;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingURICause;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import static io.groundstation.testing.fixtures.Policies.CPU_OVER_80;
import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** reportProfilingTask: exactly one task command or an error status, never an empty reply; governance. */
@OnEveryDatabase
class TriggerIT {

    @Parameter
    TestDatabase database;

    @TempDir
    Path data;
    private TestServer server;
    private ContinuousProfilingServiceGrpc.ContinuousProfilingServiceBlockingStub agent;
    private Locale locale;

    @BeforeEach
    void start() {
        locale = Locale.getDefault();
        // A comma-decimal locale: cause messages must not depend on it.
        Locale.setDefault(Locale.GERMANY);
        server = TestServer.start(data, database, Map.of(Settings.TASK_MAX_CONCURRENT, "2"));
        agent = ContinuousProfilingServiceGrpc.newBlockingStub(server.channel());
        EBPFProcessServiceGrpc.newBlockingStub(server.channel()).reportProcesses(EBPFProcessReportList.newBuilder()
                .setEbpfAgentID("a").addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-0", "java"), 1, "java"))
                .addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-0", "envoy"), 2, "envoy"))
                .addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-1", "java"), 3, "java")).build());
    }

    @AfterEach
    void stop() {
        server.close();
        Locale.setDefault(locale);
    }

    private static ContinuousProfilingReport.Builder onCpu(String instance, String process) {
        return ContinuousProfilingReport.newBuilder().setLayer("K8S_SERVICE").setServiceName("shop")
                .setInstanceName(instance).setProcessName(process).setDuration(600)
                .setOnCPU(ContinuousOnCPUProfilingTask.getDefaultInstance())
                .addCauses(ContinuousProfilingCause.newBuilder()
                        .setType(ContinuousProfilingTriggeredMonitorType.ProcessCPU)
                        .setSingleValue(ContinuousProfilingSingleValueCause.newBuilder().setThreshold(80)
                                .setCurrent(93.5)));
    }

    private static String taskId(Commands reply) {
        assertThat(reply.getCommandsCount()).as("Rover reads element 0 unconditionally").isEqualTo(1);
        assertThat(reply.getCommands(0).getCommand()).isEqualTo("ContinuousProfilingReportTask");
        assertThat(reply.getCommands(0).getArgsList()).hasSize(1);
        assertThat(reply.getCommands(0).getArgs(0).getKey()).isEqualTo("TaskId");
        String id = reply.getCommands(0).getArgs(0).getValue();
        assertThat(id).isNotEmpty();
        return id;
    }

    @Test
    void aTriggerBecomesATaskWithItsCausesAsSent() {
        String id = taskId(agent.reportProfilingTask(onCpu("shop-0", "java").build()));

        JsonNode task = server.getJson("/api/tasks/" + id);
        assertThat(task.get("trigger").asText()).isEqualTo("CONTINUOUS_PROFILING");
        assertThat(task.get("target").asText()).isEqualTo("ON_CPU");
        assertThat(task.get("durationSeconds").asInt()).isEqualTo(600);
        assertThat(task.get("startTime").asLong()).isEqualTo(server.clock().millis());
        assertThat(task.get("processIds")).extracting(JsonNode::asText)
                .containsExactly(Ids.processId("shop", "shop-0", "java"));
        assertThat(task.get("causes").get(0).get("checker").asText()).isEqualTo("PROCESS_CPU");
        assertThat(task.get("causes").get(0).get("current").asDouble()).isEqualTo(93.5);
        assertThat(task.get("causeMessage").asText()).isEqualTo("PROCESS_CPU 93.5 >= threshold 80");
    }

    @Test
    void networkTriggersKeepTheirUriCausesAndSamplingRegexes() {
        ContinuousProfilingReport report = ContinuousProfilingReport.newBuilder().setLayer("K8S_SERVICE")
                .setServiceName("shop").setInstanceName("shop-0").setProcessName("envoy").setDuration(60)
                .setNetwork(ContinuousNetworkProfilingTask.newBuilder().addSamplingURIRegexes("/api/.*"))
                .addCauses(ContinuousProfilingCause.newBuilder()
                        .setType(ContinuousProfilingTriggeredMonitorType.HTTPErrorRate)
                        .setUri(ContinuousProfilingURICause.newBuilder().setPath("").setThreshold(5).setCurrent(12.25)))
                .addCauses(ContinuousProfilingCause.newBuilder()
                        .setType(ContinuousProfilingTriggeredMonitorType.HTTPAvgResponseTime)
                        .setUri(ContinuousProfilingURICause.newBuilder().setRegex("/api/.*").setThreshold(250)
                                .setCurrent(1234.5)))
                .build();

        JsonNode task = server.getJson("/api/tasks/" + taskId(agent.reportProfilingTask(report)));

        assertThat(task.get("target").asText()).isEqualTo("NETWORK");
        assertThat(task.get("samplingUriRegexes")).extracting(JsonNode::asText).containsExactly("/api/.*");
        assertThat(task.get("causes").get(0).get("uriPath").asText()).isEmpty();
        assertThat(task.get("causes").get(1).get("uriRegex").asText()).isEqualTo("/api/.*");
        assertThat(task.get("causeMessage").asText()).isEqualTo("HTTP_ERROR_RATE on all URIs 12.25 >= threshold 5;"
                + " HTTP_AVG_RESPONSE_TIME on URIs matching /api/.* 1234.5 >= threshold 250");
    }

    @Test
    void aRepeatWithinTheTaskReturnsThatTaskAndIsCounted() {
        String first = taskId(agent.reportProfilingTask(onCpu("shop-0", "java").build()));
        server.clock().advance(Duration.ofSeconds(5));
        String repeat = taskId(agent.reportProfilingTask(onCpu("shop-0", "java").build()));
        String offCpu = taskId(agent.reportProfilingTask(onCpu("shop-0", "java").clearOnCPU()
                .setOffCPU(org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousOffCPUProfilingTask
                        .getDefaultInstance()).build()));

        assertThat(repeat).isEqualTo(first);
        assertThat(offCpu).as("another target is another task").isNotEqualTo(first);
        assertThat(server.getJson("/api/tasks/" + first).get("repeatedReports").asInt()).isEqualTo(1);

        server.clock().advance(Duration.ofSeconds(600));
        assertThat(taskId(agent.reportProfilingTask(onCpu("shop-0", "java").build())))
                .as("after the task ended, a new trigger is a new task").isNotEqualTo(first);
    }

    @Test
    void theConcurrencyCapRefusesWithAStatusTheAgentRetriesAndRecordsIt() {
        taskId(agent.reportProfilingTask(onCpu("shop-0", "java").build()));
        taskId(agent.reportProfilingTask(onCpu("shop-0", "envoy").build()));

        assertThatThrownBy(() -> agent.reportProfilingTask(onCpu("shop-1", "java").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getStatus().getDescription()).contains("task.max-concurrent-per-service");
                });
        assertThat(server.getJson("/api/tasks?service=shop").get("total").asInt()).isEqualTo(2);

        server.send("PUT", "/api/policies/shop", CPU_OVER_80, null);
        JsonNode coverage = server.getJson("/api/policies/shop/coverage");
        assertThat(coverage.get("refusedTriggers").asInt()).isEqualTo(1);
        JsonNode shop0 = coverage.get("instances").get(0);
        assertThat(shop0.get("name").asText()).isEqualTo("shop-0");
        assertThat(shop0.get("processes")).extracting(p -> p.get("triggers").asInt()).containsExactly(1, 1);
        assertThat(coverage.get("instances").get(1).get("processes").get(0).get("triggers").asInt()).isZero();
    }

    @Test
    void anUnknownProcessStillGetsATaskBecauseItsIdIsDerivedFromItsNames() {
        String id = taskId(agent.reportProfilingTask(onCpu("shop-9", "ghost").build()));
        assertThat(server.getJson("/api/tasks/" + id).get("processIds").get(0).asText())
                .isEqualTo(Ids.processId("shop", "shop-9", "ghost"));
    }

    @Test
    void badReportsGetAnErrorStatusNeverAnEmptyReply() {
        for (ContinuousProfilingReport bad : new ContinuousProfilingReport[]{
                onCpu("shop-0", "java").clearOnCPU().build(),
                onCpu("", "java").build(),
                onCpu("shop-0", "java").setServiceName(" ").build(),
                onCpu("shop-0", "java").setDuration(0).build(),
                onCpu("shop-0", "java").setDuration(Integer.MAX_VALUE).build()}) {
            assertThatThrownBy(() -> agent.reportProfilingTask(bad)).isInstanceOfSatisfying(
                    StatusRuntimeException.class,
                    e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
    }

    @Test
    void oddCausesAreKeptAsFarAsTheyMakeSense() {
        ContinuousProfilingReport odd = onCpu("shop-1", "java")
                .addCauses(ContinuousProfilingCause.newBuilder().setTypeValue(77))
                .addCauses(ContinuousProfilingCause.newBuilder()
                        .setType(ContinuousProfilingTriggeredMonitorType.SystemLoad)
                        .setSingleValue(ContinuousProfilingSingleValueCause.newBuilder()
                                .setThreshold(Double.NaN).setCurrent(Double.POSITIVE_INFINITY)))
                .build();

        JsonNode task = server.getJson("/api/tasks/" + taskId(agent.reportProfilingTask(odd)));

        assertThat(task.get("causes")).hasSize(3);
        assertThat(task.get("causes").get(1).get("checker").asText()).isEqualTo("UNKNOWN(77)");
        assertThat(task.get("causes").get(2).get("threshold").isNull()).isTrue();
    }

    @Test
    void tasksAreListedWithFilters() {
        String java = taskId(agent.reportProfilingTask(onCpu("shop-0", "java").build()));
        server.clock().advance(Duration.ofSeconds(1));
        taskId(agent.reportProfilingTask(onCpu("shop-1", "java").build()));

        assertThat(server.getJson("/api/tasks?service=shop").get("total").asInt()).isEqualTo(2);
        assertThat(server.getJson("/api/tasks?instance=shop-0").get("items").get(0).get("id").asText())
                .isEqualTo(java);
        assertThat(server.getJson("/api/tasks?process=" + Ids.processId("shop", "shop-0", "java"))
                .get("total").asInt()).isEqualTo(1);
        assertThat(server.getJson("/api/tasks?target=off_cpu").get("total").asInt()).isZero();
        assertThat(server.getJson("/api/tasks?trigger=continuous_profiling&limit=1").get("items")).hasSize(1);
        long second = server.clock().millis();
        assertThat(server.getJson("/api/tasks?from=" + second).get("total").asInt()).isEqualTo(1);
        assertThat(server.getJson("/api/tasks?to=" + second).get("total").asInt()).isEqualTo(1);
        assertThat(server.get("/api/tasks/nope").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/tasks?target=gpu").statusCode()).isEqualTo(400);
    }
}

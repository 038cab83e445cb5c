package io.groundstation.agent;

import io.groundstation.config.Settings;
import io.groundstation.registry.Ids;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.PerTestServer;
import io.groundstation.testing.harness.TestDatabase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFReportProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousOnCPUProfilingTask;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingReport;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.IntStream;

import static io.groundstation.testing.fixtures.Policies.CPU_OVER_80;
import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-agent and global caps: what is over them is refused clearly, what is under them is untouched. */
@OnEveryDatabase
class CapsIT {

    @Parameter
    TestDatabase database;

    @RegisterExtension
    final PerTestServer server = new PerTestServer(Map.of(Settings.LIMIT_PROCESSES_PER_AGENT, "5",
            Settings.LIMIT_SERVICES, "3", Settings.LIMIT_POLICIES, "2", Settings.TASK_MAX_RUNNING, "3"));

    @Test
    void aReportThatWouldPassTheAgentsCapIsRefusedWholeAndItsRetryWithinTheCapWorks() {
        assertRefused(() -> report("node-a", "shop", 0, 8), "limit.processes-per-agent");
        assertThat(server.get().getJson("/api/processes?limit=1").get("total").asLong()).as("nothing of it").isZero();

        assertThat(report("node-a", "shop", 0, 5).getProcessesCount()).isEqualTo(5);
        assertThat(report("node-a", "shop", 0, 5).getProcessesCount()).as("what it holds is re-reported as usual")
                .isEqualTo(5);
        assertRefused(() -> report("node-a", "shop", 5, 1), "limit.processes-per-agent");
        assertThat(report("node-b", "shop", 10, 3).getProcessesCount()).as("another agent has room").isEqualTo(3);
    }

    @Test
    void aReportThatWouldAddOneServiceTooManyIsRefusedWhileKnownServicesStillGrow() {
        report("node-a", "svc-0", 0, 1);
        report("node-b", "svc-1", 0, 1);
        report("node-c", "svc-2", 0, 1);

        assertRefused(() -> report("node-d", "svc-3", 0, 2), "limit.services");
        assertThat(report("node-d", "svc-2", 5, 2).getProcessesCount()).isEqualTo(2);
        assertThat(server.get().getJson("/api/services")).hasSize(3);
    }

    private static void assertRefused(Runnable call, String limit) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(e.getStatus().getDescription()).contains(limit);
        });
    }

    @Test
    void aPolicyForOneServiceTooManyAnswers409AndExistingOnesStillChange() {
        assertThat(putPolicy("a").statusCode()).isEqualTo(200);
        assertThat(putPolicy("b").statusCode()).isEqualTo(200);

        HttpResponse<String> third = putPolicy("c");
        assertThat(third.statusCode()).isEqualTo(409);
        assertThat(third.body()).contains("limit.policies");
        assertThat(putPolicy("a").statusCode()).isEqualTo(200);
        assertThat(server.get().send("DELETE", "/api/policies/b", null, null).statusCode()).isEqualTo(204);
        assertThat(putPolicy("c").statusCode()).isEqualTo(200);
    }

    @Test
    void runningTasksAreCappedForTriggersAndOnDemandRequestsAlike() {
        report("node-a", "shop", 0, 5);
        ContinuousProfilingServiceGrpc.ContinuousProfilingServiceBlockingStub agent =
                ContinuousProfilingServiceGrpc.newBlockingStub(server.get().channel());
        trigger(agent, "p0");
        trigger(agent, "p1");

        HttpResponse<String> two = server.get().send("POST", "/api/tasks", """
                {"service": "shop", "target": "ON_CPU", "processIds": ["%s", "%s"], "durationSeconds": 60}"""
                .formatted(Ids.processId("shop", "pod-node-a", "p2"), Ids.processId("shop", "pod-node-a", "p3")),
                null);
        assertThat(two.statusCode()).isEqualTo(429);
        assertThat(two.body()).contains("task.max-running");
        assertThat(server.get().getJson("/api/tasks?limit=10").get("total").asLong()).as("none of the two")
                .isEqualTo(2);

        trigger(agent, "p2");
        assertThatThrownBy(() -> trigger(agent, "p3")).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getStatus().getDescription()).contains("task.max-running");
                });
        assertThat(trigger(agent, "p0")).as("a repeat of a running trigger still gets its task").isNotEmpty();
    }

    private String trigger(ContinuousProfilingServiceGrpc.ContinuousProfilingServiceBlockingStub agent,
                           String process) {
        return agent.reportProfilingTask(ContinuousProfilingReport.newBuilder().setLayer("K8S_SERVICE")
                .setServiceName("shop").setInstanceName("pod-node-a").setProcessName(process).setDuration(600)
                .setOnCPU(ContinuousOnCPUProfilingTask.getDefaultInstance()).build()).getCommands(0).getArgs(0)
                .getValue();
    }

    private HttpResponse<String> putPolicy(String service) {
        return server.get().send("PUT", "/api/policies/" + service, CPU_OVER_80, null);
    }

    /** {@code count} processes p{first}… of one pod of {@code service} on agent {@code agent}. */
    private EBPFReportProcessDownstream report(String agent, String service, int first, int count) {
        EBPFProcessReportList.Builder report = EBPFProcessReportList.newBuilder().setEbpfAgentID(agent);
        IntStream.range(first, first + count).forEach(p -> report.addProcesses(
                k8s(entity("K8S_SERVICE", service, "pod-" + agent, "p" + p), 100 + p, "p" + p)));
        EBPFReportProcessDownstream reply = EBPFProcessServiceGrpc.newBlockingStub(server.get().channel())
                .reportProcesses(report.build());
        server.get().server().parts().registry().flushPings();
        return reply;
    }
}

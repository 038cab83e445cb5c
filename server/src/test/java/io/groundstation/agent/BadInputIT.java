package io.groundstation.agent;

import io.groundstation.config.Settings;
import io.groundstation.testing.harness.Scrape;
import io.groundstation.testing.harness.ClassServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFKubernetesProcessMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkg;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessProperties;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFReportProcessDownstream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static io.groundstation.testing.fixtures.Protos.pair;
import static io.groundstation.testing.fixtures.Protos.ping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad item is refused alone; a request past a limit is refused whole with a message naming the limit. */
class BadInputIT {

    @RegisterExtension
    static final ClassServer server = new ClassServer(Map.of(Settings.LIMIT_ITEMS, "5",
            Settings.LIMIT_NAME_LENGTH, "64", Settings.LIMIT_PROPERTIES, "10", Settings.LIMIT_PROPERTY_LENGTH, "100",
            Settings.LIMIT_REQUEST_SIZE, "4KB"));
    static EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub agent;

    @BeforeAll
    static void start() {
        agent = EBPFProcessServiceGrpc.newBlockingStub(server.get().channel());
    }

    @Test
    void badItemsAreRefusedAloneAndCounted() {
        EBPFProcessProperties good = k8s(entity("K8S_SERVICE", "pay", "pay-1", "java"), 10, "java");
        EBPFProcessReportList request = EBPFProcessReportList.newBuilder().setEbpfAgentID("agent-bad")
                .addProcesses(EBPFProcessProperties.getDefaultInstance())
                .addProcesses(k8s(entity("", "pay", "pay-1", "a"), 11, "a"))
                .addProcesses(k8s(entity("K8S_SERVICE", " ", "pay-1", "b"), 12, "b"))
                .addProcesses(good)
                .addProcesses(EBPFProcessProperties.newBuilder()
                        .setK8SProcess(EBPFKubernetesProcessMetadata.newBuilder().setPid(13)).build())
                .build();

        EBPFReportProcessDownstream reply = agent.reportProcesses(request);

        assertThat(reply.getProcessesList()).hasSize(1);
        assertThat(reply.getProcesses(0).getK8SProcess().getPid()).isEqualTo(10);
        assertThat(server.get().get("/api/processes?service=pay").body()).contains("\"total\":1");
        Scrape metrics = server.get().metrics();
        assertThat(metrics.value("groundstation_refused_items_total", "method", "reportProcesses",
                "reason", "no process metadata")).isEqualTo(2);
        assertThat(metrics.value("groundstation_refused_items_total", "method", "reportProcesses",
                "reason", "blank layer")).isEqualTo(1);
        assertThat(metrics.value("groundstation_refused_items_total", "method", "reportProcesses",
                "reason", "blank service name")).isEqualTo(1);
    }

    @Test
    void aBadPingNeverFailsTheCall() {
        EBPFProcessPingPkgList pings = EBPFProcessPingPkgList.newBuilder().setEbpfAgentID("agent-ping")
                .addProcesses(EBPFProcessPingPkg.getDefaultInstance())
                .addProcesses(ping(entity("K8S_SERVICE", "pay", "", "java"), true))
                .addProcesses(ping(entity("K8S_SERVICE", "pay", "pay-2", "java"), true))
                .build();

        assertThat(agent.keepAlive(pings).getCommandsList()).isEmpty();
        server.get().server().parts().registry().flushPings();
        assertThat(server.get().get("/api/processes?service=pay&instance=pay-2").body()).contains("\"total\":1");
    }

    @Test
    void tooManyItemsIsRefusedNamingTheLimit() {
        EBPFProcessReportList.Builder request = EBPFProcessReportList.newBuilder().setEbpfAgentID("agent-many");
        for (int i = 0; i < 6; i++) {
            request.addProcesses(k8s(entity("K8S_SERVICE", "many", "many-1", "p" + i), i, "x"));
        }
        assertInvalid(() -> agent.reportProcesses(request.build()), "limit.items-per-request=5");
    }

    @Test
    void longNamesAndPropertiesAreRefusedNamingTheLimit() {
        assertInvalid(() -> agent.reportProcesses(EBPFProcessReportList.newBuilder().setEbpfAgentID("a")
                        .addProcesses(k8s(entity("K8S_SERVICE", "s".repeat(65), "i", "p"), 1, "x")).build()),
                "service name of 65 characters exceeds limit.name-length=64");
        assertInvalid(() -> agent.reportProcesses(EBPFProcessReportList.newBuilder().setEbpfAgentID("a")
                        .addProcesses(k8s(entity("K8S_SERVICE", "s", "i", "p"), 1, "x".repeat(101))).build()),
                "property 'command_line' exceeds limit.property-length=100");
        EBPFProcessProperties crowded = k8s(entity("K8S_SERVICE", "s", "i", "p"), 1, "x").toBuilder()
                .setK8SProcess(k8s(entity("K8S_SERVICE", "s", "i", "p"), 1, "x").getK8SProcess().toBuilder()
                        .addProperties(pair("k1", "v")).addProperties(pair("k2", "v"))
                        .addProperties(pair("k3", "v")).addProperties(pair("k4", "v"))).build();
        assertInvalid(() -> agent.reportProcesses(EBPFProcessReportList.newBuilder().setEbpfAgentID("a")
                .addProcesses(crowded).build()), "11 properties exceed limit.properties-per-process=10");
        assertInvalid(() -> agent.keepAlive(EBPFProcessPingPkgList.newBuilder().setEbpfAgentID("a")
                        .addProcesses(ping(entity("K8S_SERVICE", "s", "i".repeat(65), "p"), true)).build()),
                "instance name of 65 characters exceeds limit.name-length=64");
    }

    @Test
    void anOversizedRequestIsRefusedNamingTheLimit() {
        EBPFProcessReportList.Builder request = EBPFProcessReportList.newBuilder().setEbpfAgentID("agent-big");
        for (int i = 0; i < 5; i++) {
            String[] labels = new String[9];
            java.util.Arrays.fill(labels, "l".repeat(60));
            request.addProcesses(k8s(entity("K8S_SERVICE", "big", "big-1", "p" + i, labels), i, "y".repeat(99)));
        }
        assertThat(request.build().getSerializedSize()).as("every item is within the other limits").isGreaterThan(4096);
        assertInvalid(() -> agent.reportProcesses(request.build()),
                "reportProcesses: request of " + request.build().getSerializedSize()
                        + " bytes exceeds limit.request-size=4096");
    }

    @Test
    void anOversizedKeepAliveIsRefusedByItsSizeBeforeCompression() {
        EBPFProcessPingPkgList.Builder request = EBPFProcessPingPkgList.newBuilder().setEbpfAgentID("agent-gzip");
        String[] labels = new String[16];
        java.util.Arrays.fill(labels, "l".repeat(60));
        for (int i = 0; i < 5; i++) {
            request.addProcesses(ping(entity("K8S_SERVICE", "big", "big-1", "p" + i, labels), true));
        }
        int size = request.build().getSerializedSize();
        assertThat(size).isGreaterThan(4096);
        // Repeated labels compress far below the limit: the limit is on the request, not on its bytes on the wire.
        assertInvalid(() -> agent.withCompression("gzip").keepAlive(request.build()),
                "keepAlive: request of " + size + " bytes exceeds limit.request-size=4096");
        assertThat(agent.withCompression("gzip").keepAlive(EBPFProcessPingPkgList.newBuilder()
                .setEbpfAgentID("agent-gzip").addProcesses(ping(entity("K8S_SERVICE", "big", "big-1", "p0"), true))
                .build())).as("a small compressed keep-alive is answered").isNotNull();
    }

    private static void assertInvalid(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains(message);
        });
    }
}

package io.groundstation.agent;

import io.groundstation.registry.Ids;
import io.groundstation.testing.harness.ClassServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessProperties;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFReportProcessDownstream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.host;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reply to reportProcesses, read the way Rover reads it (protocol.md §3): for each process sent, the first
 * entry with the same oneof branch, pid, an equal entity (labels as a set) and a non-empty process id.
 */
class ProcessReplyMatchingIT {

    @RegisterExtension
    static final ClassServer server = new ClassServer();
    static EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub agent;

    @BeforeAll
    static void start() {
        agent = EBPFProcessServiceGrpc.newBlockingStub(server.get().channel());
    }

    @Test
    void everyProcessFindsItsEntryWhateverTheOrderAndBranch() {
        EBPFProcessEntityMetadata mesh = entity("MESH", "mesh-svc::shop", "shop-7d9", "envoy", "b", "a");
        EBPFProcessEntityMetadata k8sService = entity("K8S_SERVICE", "shop", "shop-7d9", "envoy", "z", "y", "x");
        EBPFProcessEntityMetadata java = entity("K8S_SERVICE", "shop", "shop-7d9", "java");
        EBPFProcessEntityMetadata onHost = entity("OS_LINUX", "hosts", "node-1", "sshd");
        List<EBPFProcessProperties> sent = List.of(
                k8s(mesh, 100, "envoy -c /etc/envoy.yaml"),
                k8s(k8sService, 100, "envoy -c /etc/envoy.yaml"),
                k8s(java, 101, "java -jar shop.jar"),
                host(onHost, 1));

        EBPFReportProcessDownstream reply = agent.reportProcesses(
                EBPFProcessReportList.newBuilder().setEbpfAgentID("agent-a").addAllProcesses(sent).build());

        assertThat(reply.getProcessesList()).hasSize(sent.size());
        for (EBPFProcessProperties process : sent) {
            Optional<EBPFProcessDownstream> match = roverMatch(process, reply);
            assertThat(match).as("reply entry for %s", process).isPresent();
            EBPFProcessEntityMetadata e = entityOf(process);
            assertThat(match.get().getProcessId())
                    .isEqualTo(Ids.processId(e.getServiceName(), e.getInstanceName(), e.getProcessName()));
        }
        // Two entities on one pid are two processes.
        assertThat(roverMatch(sent.get(0), reply).get().getProcessId())
                .isNotEqualTo(roverMatch(sent.get(1), reply).get().getProcessId());
        // The host process is answered on the host branch, never the Kubernetes one.
        assertThat(roverMatch(sent.get(3), reply).get().hasHostProcess()).isTrue();
    }

    @Test
    void labelsAreEchoedAsSentSoAnyOrderMatches() {
        EBPFProcessEntityMetadata labelled = entity("K8S_SERVICE", "cart", "cart-1", "node", "tier=web", "app=cart");
        EBPFReportProcessDownstream reply = agent.reportProcesses(EBPFProcessReportList.newBuilder()
                .setEbpfAgentID("agent-b").addProcesses(k8s(labelled, 7, "node server.js")).build());

        assertThat(reply.getProcesses(0).getK8SProcess().getEntityMetadata().getLabelsList())
                .containsExactly("tier=web", "app=cart");
        assertThat(roverMatch(k8s(labelled, 7, "node server.js"), reply)).isPresent();
    }

    @Test
    void aReReportUnderANewAgentAnswersTheSameIds() {
        EBPFProcessEntityMetadata worker = entity("K8S_SERVICE", "queue", "queue-0", "worker");
        String first = agent.reportProcesses(EBPFProcessReportList.newBuilder().setEbpfAgentID("before-restart")
                .addProcesses(k8s(worker, 9, "worker")).build()).getProcesses(0).getProcessId();
        String second = agent.reportProcesses(EBPFProcessReportList.newBuilder().setEbpfAgentID("after-restart")
                .addProcesses(k8s(worker, 9, "worker")).build()).getProcesses(0).getProcessId();

        assertThat(second).isEqualTo(first);
        assertThat(server.get().getJson("/api/processes/" + first).get("agentId").asText()).isEqualTo("after-restart");
    }

    /** Rover's matching rule, written from protocol.md §3. */
    static Optional<EBPFProcessDownstream> roverMatch(EBPFProcessProperties sent, EBPFReportProcessDownstream reply) {
        for (EBPFProcessDownstream entry : reply.getProcessesList()) {
            if (entry.getProcessId().isEmpty()) {
                continue;
            }
            if (sent.hasK8SProcess() && entry.hasK8SProcess()
                    && entry.getK8SProcess().getPid() == sent.getK8SProcess().getPid()
                    && sameEntity(sent.getK8SProcess().getEntity(), entry.getK8SProcess().getEntityMetadata())) {
                return Optional.of(entry);
            }
            if (sent.hasHostProcess() && entry.hasHostProcess()
                    && entry.getHostProcess().getPid() == sent.getHostProcess().getPid()
                    && sameEntity(sent.getHostProcess().getEntity(), entry.getHostProcess().getEntityMetadata())) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    private static boolean sameEntity(EBPFProcessEntityMetadata a, EBPFProcessEntityMetadata b) {
        return a.getLayer().equals(b.getLayer()) && a.getServiceName().equals(b.getServiceName())
                && a.getInstanceName().equals(b.getInstanceName()) && a.getProcessName().equals(b.getProcessName())
                && new HashSet<>(a.getLabelsList()).equals(new HashSet<>(b.getLabelsList()));
    }

    private static EBPFProcessEntityMetadata entityOf(EBPFProcessProperties process) {
        return process.hasK8SProcess() ? process.getK8SProcess().getEntity() : process.getHostProcess().getEntity();
    }
}

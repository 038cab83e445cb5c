package io.groundstation.bench.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFHostProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFHostProcessMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFKubernetesProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFKubernetesProcessMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessProperties;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFReportProcessDownstream;
import org.junit.jupiter.api.Test;

class AgentReplyReaderProcessesTest {

    private final AgentReplyReader reader = new AgentReplyReader();

    private static final EBPFProcessEntityMetadata APP = entity("MESH", "shop::svc-1", "java", "a", "b");
    private static final EBPFProcessEntityMetadata APP_AS_SERVICE = entity("K8S_SERVICE", "shop::svc-1", "java", "k");
    private static final List<EBPFProcessProperties> SENT = List.of(k8s(APP, 42), k8s(APP_AS_SERVICE, 42));

    @Test
    void acceptsEchoInAnyOrderWithLabelsAsASet() {
        ProcessAcks acks = reader.readReportProcesses(SENT, reply(
                k8sEntry("id-2", APP_AS_SERVICE, 42),
                k8sEntry("id-1", entity("MESH", "shop::svc-1", "java", "b", "a"), 42)));

        assertThat(acks.misreads()).isEmpty();
        assertThat(acks.processIds()).containsExactly("id-1", "id-2");
    }

    @Test
    void takesTheFirstEntryThatHasAProcessId() {
        ProcessAcks acks = reader.readReportProcesses(List.of(k8s(APP, 42)), reply(
                k8sEntry("", APP, 42), k8sEntry("id-1", APP, 42), k8sEntry("id-9", APP, 42)));

        assertThat(acks.processIds()).containsExactly("id-1");
    }

    @Test
    void acceptsHostProcessesInTheirOwnBranch() {
        EBPFProcessProperties host = EBPFProcessProperties.newBuilder()
                .setHostProcess(EBPFHostProcessMetadata.newBuilder().setEntity(APP).setPid(7)).build();
        EBPFProcessDownstream entry = EBPFProcessDownstream.newBuilder().setProcessId("h")
                .setHostProcess(EBPFHostProcessDownstream.newBuilder().setPid(7).setEntityMetadata(APP)).build();

        assertThat(reader.readReportProcesses(List.of(host), reply(entry)).processIds()).containsExactly("h");
        assertThat(reader.readReportProcesses(List.of(k8s(APP, 7)), reply(entry)).misreads())
                .extracting(Misread::kind).containsExactly(MisreadKind.PROCESS_MISSING_FROM_REPLY);
    }

    @Test
    void countsEverySentProcessWithoutAMatchingEntry() {
        assertMissing(reply(k8sEntry("id-1", APP, 42)), 1);
        assertMissing(reply(k8sEntry("id-1", APP, 43), k8sEntry("id-2", APP_AS_SERVICE, 43)), 2);
        assertMissing(reply(k8sEntry("", APP, 42), k8sEntry("", APP_AS_SERVICE, 42)), 2);
        assertMissing(reply(k8sEntry("id-1", entity("MESH", "shop::svc-1 ", "java", "a", "b"), 42),
                k8sEntry("id-2", APP_AS_SERVICE, 42)), 1);
        assertMissing(reply(k8sEntry("id-1", entity("MESH", "shop::svc-1", "java", "a"), 42),
                k8sEntry("id-2", APP_AS_SERVICE, 42)), 1);
        assertMissing(reply(k8sEntry("id-1", entity("MESH", "shop::svc-1", "java", "a", "b", "c"), 42),
                k8sEntry("id-2", APP_AS_SERVICE, 42)), 1);
        assertMissing(EBPFReportProcessDownstream.getDefaultInstance(), 2);
    }

    private void assertMissing(EBPFReportProcessDownstream reply, int missing) {
        ProcessAcks acks = reader.readReportProcesses(SENT, reply);
        assertThat(acks.misreads()).hasSize(missing)
                .allMatch(m -> m.kind() == MisreadKind.PROCESS_MISSING_FROM_REPLY);
        assertThat(acks.processIds()).hasSize(2).filteredOn(Objects::isNull).hasSize(missing);
    }

    static EBPFProcessEntityMetadata entity(String layer, String service, String process, String... labels) {
        return EBPFProcessEntityMetadata.newBuilder().setLayer(layer).setServiceName(service)
                .setInstanceName("svc-1-7d9f8c6b5d-x2k9p").setProcessName(process)
                .addAllLabels(List.of(labels)).build();
    }

    static EBPFProcessProperties k8s(EBPFProcessEntityMetadata entity, int pid) {
        return EBPFProcessProperties.newBuilder()
                .setK8SProcess(EBPFKubernetesProcessMetadata.newBuilder().setEntity(entity).setPid(pid)).build();
    }

    static EBPFProcessDownstream k8sEntry(String processId, EBPFProcessEntityMetadata entity, int pid) {
        return EBPFProcessDownstream.newBuilder().setProcessId(processId)
                .setK8SProcess(EBPFKubernetesProcessDownstream.newBuilder().setPid(pid).setEntityMetadata(entity))
                .build();
    }

    static EBPFReportProcessDownstream reply(EBPFProcessDownstream... entries) {
        return EBPFReportProcessDownstream.newBuilder().addAllProcesses(List.of(entries)).build();
    }
}

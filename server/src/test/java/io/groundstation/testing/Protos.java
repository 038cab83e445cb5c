package io.groundstation.testing;

import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFHostProcessMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFKubernetesProcessMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkg;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessProperties;

import java.util.List;

/** Agent messages shaped the way Rover builds them. */
public final class Protos {

    private Protos() {
    }

    public static EBPFProcessEntityMetadata entity(String layer, String service, String instance, String process,
                                                   String... labels) {
        return EBPFProcessEntityMetadata.newBuilder().setLayer(layer).setServiceName(service)
                .setInstanceName(instance).setProcessName(process).addAllLabels(List.of(labels)).build();
    }

    /** A Kubernetes process with the properties Rover sends. */
    public static EBPFProcessProperties k8s(EBPFProcessEntityMetadata entity, int pid, String commandLine) {
        return EBPFProcessProperties.newBuilder().setK8SProcess(EBPFKubernetesProcessMetadata.newBuilder()
                .setEntity(entity).setPid(pid)
                .addProperties(pair("host_ip", "10.0.0.7"))
                .addProperties(pair("container_ip", "10.1.2.3"))
                .addProperties(pair("container_name", "app"))
                .addProperties(pair("pod_name", entity.getInstanceName()))
                .addProperties(pair("pid", Integer.toString(pid)))
                .addProperties(pair("command_line", commandLine))
                .addProperties(pair("support_ebpf_profiling", "true"))).build();
    }

    public static EBPFProcessProperties host(EBPFProcessEntityMetadata entity, int pid) {
        return EBPFProcessProperties.newBuilder().setHostProcess(EBPFHostProcessMetadata.newBuilder()
                .setEntity(entity).setPid(pid)
                .addProperties(pair("support_ebpf_profiling", "false"))).build();
    }

    public static EBPFProcessPingPkg ping(EBPFProcessEntityMetadata entity, boolean ebpfSupported) {
        return EBPFProcessPingPkg.newBuilder().setEntityMetadata(entity)
                .addProperties(pair("support_ebpf_profiling", Boolean.toString(ebpfSupported))).build();
    }

    public static KeyStringValuePair pair(String key, String value) {
        return KeyStringValuePair.newBuilder().setKey(key).setValue(value).build();
    }
}

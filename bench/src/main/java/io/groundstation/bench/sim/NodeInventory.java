package io.groundstation.bench.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFKubernetesProcessMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkg;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessProperties;

/**
 * The pods on one Kubernetes node and the process entities Rover's default analyzers make of them: a meshed pod's
 * application is both a {@code MESH} and a {@code K8S_SERVICE} entity with one pid, its envoy a {@code MESH_DP}
 * entity. Not thread-safe: owned by one agent.
 */
final class NodeInventory {

    private static final String POD_HASH_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    private final String hostIp;
    private final String podSubnet;
    private final List<Pod> pods = new ArrayList<>();
    private int nextPid;
    private int nextPodIp = 2;

    private record Pod(ServiceSpec service, List<SimulatedProcess> processes) {
    }

    private NodeInventory(int nodeIndex, SplittableRandom random) {
        this.hostIp = "172.20." + nodeIndex / 250 + "." + (nodeIndex % 250 + 1);
        this.podSubnet = "10." + (nodeIndex / 250) % 256 + "." + nodeIndex % 250 + ".";
        this.nextPid = 1000 + random.nextInt(30_000);
    }

    /** A node whose pods add up to exactly {@code processCount} entities. */
    static NodeInventory generate(int nodeIndex, int processCount, ServiceCatalog catalog, SplittableRandom random) {
        NodeInventory node = new NodeInventory(nodeIndex, random);
        int remaining = processCount;
        while (remaining > 0) {
            Pod pod = node.newPod(catalog.pick(random), remaining, random);
            node.pods.add(pod);
            remaining -= pod.processes().size();
        }
        return node;
    }

    List<SimulatedProcess> processes() {
        List<SimulatedProcess> all = new ArrayList<>();
        for (Pod pod : pods) {
            all.addAll(pod.processes());
        }
        return all;
    }

    /**
     * Replaces each pod, with the given chance, by a new pod of the same service and shape (a rollout or a reschedule).
     *
     * @return the processes that are gone
     */
    List<SimulatedProcess> churn(double chance, SplittableRandom random) {
        List<SimulatedProcess> gone = new ArrayList<>();
        for (int i = 0; i < pods.size(); i++) {
            if (random.nextDouble() < chance) {
                Pod old = pods.get(i);
                gone.addAll(old.processes());
                pods.set(i, newPod(old.service(), old.processes().size(), random));
            }
        }
        return gone;
    }

    private Pod newPod(ServiceSpec spec, int maxEntities, SplittableRandom random) {
        String podName = spec.name() + "-" + randomChars(10, random) + "-" + randomChars(5, random);
        String podIp = podSubnet + (nextPodIp++ % 250 + 2);
        boolean supportsProfiling = random.nextDouble() < 0.95;
        PodProcessBuilder builder = new PodProcessBuilder(spec.serviceName(), podName, podIp, supportsProfiling);
        int appPid = nextPid();
        Workload app = spec.workload();
        String appCommand = app.commandLine(spec.name(), randomChars(16, random));
        List<SimulatedProcess> processes = new ArrayList<>();
        if (spec.meshed()) {
            processes.add(builder.build(spec.name(), app, appPid, appCommand, "MESH", "mesh-application"));
            processes.add(builder.build(spec.name(), app, appPid, appCommand, "K8S_SERVICE", "k8s-service"));
            processes.add(builder.build("istio-proxy", Workload.ENVOY, nextPid(),
                    Workload.ENVOY.commandLine(spec.name(), ""), "MESH_DP", "mesh-envoy"));
        } else {
            processes.add(builder.build(spec.name(), app, appPid, appCommand, "K8S_SERVICE", "k8s-service"));
        }
        if (spec.loggingSidecar()) {
            processes.add(builder.build("fluent-bit", Workload.FLUENT_BIT, nextPid(),
                    Workload.FLUENT_BIT.commandLine(spec.name(), ""), "K8S_SERVICE", "k8s-service"));
        }
        return new Pod(spec, List.copyOf(processes.subList(0, Math.min(maxEntities, processes.size()))));
    }

    private int nextPid() {
        nextPid += 1 + (nextPid % 7);
        return nextPid;
    }

    private static String randomChars(int length, SplittableRandom random) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(POD_HASH_CHARS.charAt(random.nextInt(POD_HASH_CHARS.length())));
        }
        return out.toString();
    }

    /** Builds the entities of one pod; everything but the container and the analyzer's layer is shared. */
    private final class PodProcessBuilder {
        private final String serviceName;
        private final String podName;
        private final String podIp;
        private final String supportsProfiling;

        PodProcessBuilder(String serviceName, String podName, String podIp, boolean supportsProfiling) {
            this.serviceName = serviceName;
            this.podName = podName;
            this.podIp = podIp;
            this.supportsProfiling = Boolean.toString(supportsProfiling);
        }

        SimulatedProcess build(String container, Workload workload, int pid, String commandLine, String layer,
                               String label) {
            EBPFProcessEntityMetadata entity = EBPFProcessEntityMetadata.newBuilder()
                    .setLayer(layer)
                    .setServiceName(serviceName)
                    .setInstanceName(podName)
                    .setProcessName(workload.exeName(container))
                    .addLabels(label)
                    .build();
            EBPFProcessProperties report = EBPFProcessProperties.newBuilder()
                    .setK8SProcess(EBPFKubernetesProcessMetadata.newBuilder()
                            .setEntity(entity)
                            .setPid(pid)
                            .addProperties(property("host_ip", hostIp))
                            .addProperties(property("container_ip", podIp))
                            .addProperties(property("container_name", container))
                            .addProperties(property("pod_name", podName))
                            .addProperties(property("pid", Integer.toString(pid)))
                            .addProperties(property("command_line", commandLine))
                            .addProperties(property("support_ebpf_profiling", supportsProfiling)))
                    .build();
            EBPFProcessPingPkg ping = EBPFProcessPingPkg.newBuilder()
                    .setEntityMetadata(entity)
                    .addProperties(property("support_ebpf_profiling", supportsProfiling))
                    .build();
            return new SimulatedProcess(report, ping, workload, Boolean.parseBoolean(supportsProfiling));
        }

        private static KeyStringValuePair property(String key, String value) {
            return KeyStringValuePair.newBuilder().setKey(key).setValue(value).build();
        }
    }
}

package io.groundstation.microbench;

import io.groundstation.registry.ProcessEntity;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Process entities shaped like those Rover reports from a Kubernetes node (as bench's simulator makes them): name
 * lengths drive the cost of hashing, encoding and serializing, so the inputs must look real.
 */
final class Fleet {

    /** Processes one node reports in every keep-alive. */
    static final int PROCESSES_PER_NODE = 20;

    private Fleet() {
    }

    static ProcessEntity entity(int node, int process) {
        String workload = "svc-" + process % 12;
        String pod = String.format("%s-%010d-%05d", workload, 1_000_003L * node, process);
        return new ProcessEntity("K8S_SERVICE", "shop::" + workload, pod, workload, List.of("k8s-service"));
    }

    static List<ProcessEntity> node(int node, int processes) {
        return IntStream.range(0, processes).mapToObj(process -> entity(node, process)).toList();
    }
}

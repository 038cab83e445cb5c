package io.groundstation.bench.sim;

/** A workload of the simulated cluster, as its pods look on any node. */
record ServiceSpec(String namespace, String name, Workload workload, boolean meshed, boolean loggingSidecar) {

    /** Rover's Kubernetes default: {@code namespace::service}. */
    String serviceName() {
        return namespace + "::" + name;
    }
}

package io.groundstation.bench.sim;

import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkg;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessProperties;

/**
 * One process entity as Rover reports it, with its report and ping messages built once: a fleet sends them again and
 * again. Identity is the object itself: two entities of one pid are two processes.
 */
final class SimulatedProcess {

    private final EBPFProcessProperties report;
    private final EBPFProcessPingPkg ping;
    private final Workload workload;
    private final boolean supportsProfiling;

    SimulatedProcess(EBPFProcessProperties report, EBPFProcessPingPkg ping, Workload workload,
                     boolean supportsProfiling) {
        this.report = report;
        this.ping = ping;
        this.workload = workload;
        this.supportsProfiling = supportsProfiling;
    }

    EBPFProcessProperties report() {
        return report;
    }

    EBPFProcessPingPkg ping() {
        return ping;
    }

    EBPFProcessEntityMetadata entity() {
        return report.getK8SProcess().getEntity();
    }

    String serviceName() {
        return entity().getServiceName();
    }

    Workload workload() {
        return workload;
    }

    /** Whether Rover can run a triggered task of this target on the process once the backend grants it. */
    boolean canRun(ProfilingTarget target) {
        return supportsProfiling && !(target == ProfilingTarget.ON_CPU && workload.interpreted());
    }
}

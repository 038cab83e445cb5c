package io.groundstation.bench.sim;

import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousNetworkProfilingTask;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousOffCPUProfilingTask;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousOnCPUProfilingTask;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingCause;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingReport;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingSingleValueCause;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingTriggeredMonitorType;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingURICause;
import java.util.SplittableRandom;

/** Builds the reportProfilingTask message Rover sends when a policy item fires: names only, causes, seconds. */
final class TriggerReports {

    private TriggerReports() {
    }

    static ContinuousProfilingReport build(SimulatedProcess process, ProfilingTarget target, int durationSeconds,
                                           SplittableRandom random) {
        EBPFProcessEntityMetadata entity = process.entity();
        ContinuousProfilingReport.Builder report = ContinuousProfilingReport.newBuilder()
                .setLayer(entity.getLayer())
                .setServiceName(entity.getServiceName())
                .setInstanceName(entity.getInstanceName())
                .setProcessName(entity.getProcessName())
                .setDuration(durationSeconds);
        switch (target) {
            case ON_CPU -> report.setOnCPU(ContinuousOnCPUProfilingTask.getDefaultInstance())
                    .addCauses(singleValue(ContinuousProfilingTriggeredMonitorType.ProcessCPU, 75,
                            75 + random.nextInt(60)));
            case OFF_CPU -> report.setOffCPU(ContinuousOffCPUProfilingTask.getDefaultInstance())
                    .addCauses(singleValue(ContinuousProfilingTriggeredMonitorType.ProcessThreadCount, 500,
                            500 + random.nextInt(400)));
            case NETWORK -> {
                boolean wholeProcess = random.nextBoolean();
                ContinuousProfilingURICause.Builder uri = ContinuousProfilingURICause.newBuilder()
                        .setThreshold(5)
                        .setCurrent(5 + random.nextDouble() * 40);
                if (wholeProcess) {
                    uri.setPath("");
                } else {
                    uri.setRegex("/api/orders/.*");
                }
                report.setNetwork(ContinuousNetworkProfilingTask.newBuilder()
                                .addSamplingURIRegexes(wholeProcess ? "" : "/api/orders/.*"))
                        .addCauses(ContinuousProfilingCause.newBuilder()
                                .setType(ContinuousProfilingTriggeredMonitorType.HTTPErrorRate)
                                .setUri(uri));
            }
        }
        return report.build();
    }

    private static ContinuousProfilingCause singleValue(ContinuousProfilingTriggeredMonitorType type,
                                                        double threshold, double current) {
        return ContinuousProfilingCause.newBuilder()
                .setType(type)
                .setSingleValue(ContinuousProfilingSingleValueCause.newBuilder()
                        .setThreshold(threshold)
                        .setCurrent(current))
                .build();
    }
}

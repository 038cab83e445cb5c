package io.groundstation.task;

import java.util.List;

/**
 * A person's request to profile for a fixed time. On-CPU and off-CPU select processes of the service by id or by
 * labels (a process matches when it carries every label given), or, when {@code wholeService} is set and neither
 * is given, every process of the service (OAP's request without labels); NETWORK selects one instance. The start
 * time defaults to now.
 */
public record FixedTimeRequest(String serviceName, ProfilingTarget target, List<String> processIds,
                               List<String> labels, String instanceName, Long startTime, int durationSeconds,
                               List<NetworkSampling> samplings, boolean wholeService) {

    public FixedTimeRequest {
        processIds = List.copyOf(processIds);
        labels = List.copyOf(labels);
        samplings = List.copyOf(samplings);
    }
}

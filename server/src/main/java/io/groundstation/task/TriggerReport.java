package io.groundstation.task;

import java.util.List;

/** What an agent reports when a policy fires: names only (no pid, no id), the causes, duration in seconds. */
public record TriggerReport(String layer, String serviceName, String instanceName, String processName,
                            ProfilingTarget target, int durationSeconds, List<Cause> causes,
                            List<String> samplingUriRegexes) {

    public TriggerReport {
        causes = List.copyOf(causes);
        samplingUriRegexes = List.copyOf(samplingUriRegexes);
    }
}

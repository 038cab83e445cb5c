package io.groundstation.task;

import io.groundstation.policy.ProfilingTarget;

import java.util.List;

/**
 * A profiling task: what to profile (target, service, instance, process), from when and for how long (seconds),
 * and why. {@code repeats} counts reports of the same trigger answered with this task. Times are epoch ms;
 * {@code stoppedAt} is null while the task runs its course.
 */
public record ProfilingTask(String id, TriggerType trigger, ProfilingTarget target, String serviceName,
                            String instanceName, String processName, List<String> processIds, long startTime,
                            int durationSeconds, long createdAt, long updateTime, List<Cause> causes,
                            String causeMessage, List<String> samplingUriRegexes, int repeats, Long stoppedAt,
                            String extensionConfig) {

    public ProfilingTask {
        processIds = List.copyOf(processIds);
        causes = List.copyOf(causes);
        samplingUriRegexes = List.copyOf(samplingUriRegexes);
    }

    public long endTime() {
        return startTime + durationSeconds * 1000L;
    }

    public boolean runningAt(long time) {
        return stoppedAt == null && startTime <= time && time < endTime();
    }
}

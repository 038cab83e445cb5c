package io.groundstation.task;

import java.util.List;

/**
 * A profiling task: what to profile (target, service, instance, process), from when and for how long (seconds),
 * and why. {@code repeats} counts reports of the same trigger answered with this task. Times are epoch ms;
 * {@code stoppedAt} is null while the task runs its course. {@code requestId} names the request that created the
 * task (one on-demand request makes a task per process; a trigger's task is its own request), and
 * {@code processLabels} the labels that request selected processes by.
 */
public record ProfilingTask(String id, TriggerType trigger, ProfilingTarget target, String serviceName,
                            String instanceName, String processName, List<String> processIds, long startTime,
                            int durationSeconds, long createdAt, long updateTime, List<Cause> causes,
                            String causeMessage, List<String> samplingUriRegexes, int repeats, Long stoppedAt,
                            String extensionConfig, String requestId, List<String> processLabels) {

    public ProfilingTask {
        processIds = List.copyOf(processIds);
        causes = List.copyOf(causes);
        samplingUriRegexes = List.copyOf(samplingUriRegexes);
        processLabels = List.copyOf(processLabels);
    }

    /** The same task profiling these processes (as read back from its process rows). */
    public ProfilingTask withProcessIds(List<String> ids) {
        return changed(ids, durationSeconds, updateTime, stoppedAt);
    }

    /** The same task, changed at {@code time}: agents holding an older update time hear of it again. */
    public ProfilingTask withUpdateTime(long time) {
        return changed(processIds, durationSeconds, time, stoppedAt);
    }

    /** The same task running for {@code seconds} from its start (kept alive, or cut short by a stop). */
    public ProfilingTask withDurationSeconds(int seconds) {
        return changed(processIds, seconds, updateTime, stoppedAt);
    }

    /** The same task stopped at {@code time}, before the end of its duration. */
    public ProfilingTask withStoppedAt(long time) {
        return changed(processIds, durationSeconds, updateTime, time);
    }

    /** A copy with what may change of a task after it was created; the rest is what the task was made as. */
    private ProfilingTask changed(List<String> processIds, int durationSeconds, long updateTime, Long stoppedAt) {
        return new ProfilingTask(id, trigger, target, serviceName, instanceName, processName, processIds, startTime,
                durationSeconds, createdAt, updateTime, causes, causeMessage, samplingUriRegexes, repeats, stoppedAt,
                extensionConfig, requestId, processLabels);
    }

    public long endTime() {
        return startTime + durationSeconds * 1000L;
    }

    public boolean runningAt(long time) {
        return stoppedAt == null && startTime <= time && time < endTime();
    }
}

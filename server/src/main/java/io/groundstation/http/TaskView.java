package io.groundstation.http;

import io.groundstation.profile.ProcessData;
import io.groundstation.task.Cause;
import io.groundstation.task.ProfilingTarget;
import io.groundstation.task.ProfilingTask;
import io.groundstation.task.TriggerType;

import java.util.List;
import java.util.Map;

/** A task as the API and the console show it, with the data each of its processes has sent. */
record TaskView(String id, String requestId, TriggerType trigger, ProfilingTarget target, String service,
                String instance, String process, List<String> processIds, long startTime, int durationSeconds,
                long endTime, long createdAt, long updateTime, List<Cause> causes, String causeMessage,
                List<String> samplingUriRegexes, int repeatedReports, Long stoppedAt, boolean dataArrived,
                List<ProcessData> data) {

    /** {@code data}: what arrived, by task id (ProfileService.dataOf); a task absent from it has had none. */
    static TaskView of(ProfilingTask task, Map<String, List<ProcessData>> data) {
        List<ProcessData> arrived = data.getOrDefault(task.id(), List.of());
        return new TaskView(task.id(), task.requestId(), task.trigger(), task.target(), task.serviceName(),
                task.instanceName(), task.processName(), task.processIds(), task.startTime(), task.durationSeconds(),
                task.endTime(), task.createdAt(), task.updateTime(), task.causes(), task.causeMessage(),
                task.samplingUriRegexes(), task.repeats(), task.stoppedAt(), !arrived.isEmpty(), arrived);
    }
}

package io.groundstation.bench.reply;

import java.util.List;

/** A queryTasks command the agent accepts. Times are epoch milliseconds, the duration seconds. */
public record FixedTimeTask(String taskId, List<String> processIds, long updateTime, String targetType,
                            long startTimeMillis, long durationSeconds) {

    public FixedTimeTask {
        processIds = List.copyOf(processIds);
    }

    public long endTimeMillis() {
        return startTimeMillis + durationSeconds * 1000;
    }
}

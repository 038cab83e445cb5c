package io.groundstation.bench.reply;

import java.util.List;

/** The tasks the agent accepts from one queryTasks reply and the commands it skips. */
public record TaskQueryResult(List<FixedTimeTask> accepted, List<Misread> misreads) {

    public TaskQueryResult {
        accepted = List.copyOf(accepted);
        misreads = List.copyOf(misreads);
    }
}

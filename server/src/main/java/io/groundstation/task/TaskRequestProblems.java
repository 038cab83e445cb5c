package io.groundstation.task;

import io.groundstation.problems.Problems;

import java.util.List;

/** A task request that cannot be carried out, with every reason. */
public final class TaskRequestProblems extends Problems {

    public TaskRequestProblems(List<String> problems) {
        super("task request", problems);
    }
}

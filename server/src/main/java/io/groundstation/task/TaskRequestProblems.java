package io.groundstation.task;

import java.util.List;

/** A task request that cannot be carried out, with every reason. */
public final class TaskRequestProblems extends RuntimeException {

    private final List<String> problems;

    public TaskRequestProblems(List<String> problems) {
        super("invalid task request: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

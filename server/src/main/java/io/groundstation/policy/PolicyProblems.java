package io.groundstation.policy;

import java.util.List;

/** A policy that cannot be stored, with every problem found, each prefixed by its path. */
public final class PolicyProblems extends RuntimeException {

    private final List<String> problems;

    public PolicyProblems(List<String> problems) {
        super("invalid policy: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

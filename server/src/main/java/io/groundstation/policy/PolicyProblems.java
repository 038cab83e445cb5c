package io.groundstation.policy;

import io.groundstation.problems.Problems;

import java.util.List;

/** A policy that cannot be stored, with every problem found, each prefixed by its path. */
public final class PolicyProblems extends Problems {

    public PolicyProblems(List<String> problems) {
        super("policy", problems);
    }
}

package io.groundstation.problems;

import java.util.List;

/**
 * A request refused for what is wrong with it, with every problem found rather than the first; each capability names
 * its own kind (a policy, a backtest, a task request), which the adapters' failure tables map to a status.
 */
public abstract class Problems extends RuntimeException {

    private final List<String> problems;

    /** {@code what} is the kind of request, as in "invalid policy: …". */
    protected Problems(String what, List<String> problems) {
        super("invalid " + what + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

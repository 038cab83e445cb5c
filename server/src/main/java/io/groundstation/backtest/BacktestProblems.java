package io.groundstation.backtest;

import java.util.List;

/** A backtest that cannot be run as asked, with every reason, each prefixed by the field it concerns. */
public final class BacktestProblems extends RuntimeException {

    private final List<String> problems;

    public BacktestProblems(List<String> problems) {
        super("invalid backtest: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

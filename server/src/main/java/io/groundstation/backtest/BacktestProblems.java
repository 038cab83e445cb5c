package io.groundstation.backtest;

import io.groundstation.problems.Problems;

import java.util.List;

/** A backtest that cannot be run as asked, with every reason, each prefixed by the field it concerns. */
public final class BacktestProblems extends Problems {

    public BacktestProblems(List<String> problems) {
        super("backtest", problems);
    }
}

package io.groundstation.backtest;

import java.util.List;

/** What a draft policy would have triggered over a past range, and how the estimate was made. */
public record BacktestResult(long from, long to, int processes, long pointsRead, boolean truncated,
                             List<Trigger> triggers, String method) {
}

package io.groundstation.backtest;

import io.groundstation.policy.CheckerType;
import io.groundstation.task.ProfilingTarget;

import java.util.List;

/** A trigger the draft policy would have fired: on which process, for which target, when, and which items held. */
public record Trigger(String processId, ProfilingTarget target, long firedAt, List<CheckerType> items) {
}

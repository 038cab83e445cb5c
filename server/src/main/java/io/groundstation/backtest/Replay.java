package io.groundstation.backtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a backtest replays a draft: over the last {@code range}, each fired task running {@code taskDuration}, the
 * process then quiet for {@code cooldown}. Left out, they are Rover's own defaults (a 10-minute task, a 20-minute
 * silence) over the last 6 hours.
 */
public record Replay(Duration range, Duration taskDuration, Duration cooldown) {

    /** The longest range replayed: a day of 5-second checks per process is already a large read. */
    public static final int MAX_HOURS = 24;
    static final int DEFAULT_HOURS = 6;
    static final int DEFAULT_TASK_SECONDS = 600;
    static final int DEFAULT_COOLDOWN_SECONDS = 1200;

    /** The replay a request asks for, any part left out (null) taking its default; every problem is named. */
    public static Replay of(Integer hours, Integer taskDurationSeconds, Integer cooldownSeconds) {
        int h = hours == null ? DEFAULT_HOURS : hours;
        int task = taskDurationSeconds == null ? DEFAULT_TASK_SECONDS : taskDurationSeconds;
        int cooldown = cooldownSeconds == null ? DEFAULT_COOLDOWN_SECONDS : cooldownSeconds;
        List<String> problems = new ArrayList<>();
        if (h < 1 || h > MAX_HOURS) {
            problems.add("hours: must be in 1.." + MAX_HOURS);
        }
        if (task < 1) {
            problems.add("taskDurationSeconds: must be positive");
        }
        if (cooldown < 0) {
            problems.add("cooldownSeconds: must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new BacktestProblems(problems);
        }
        return new Replay(Duration.ofHours(h), Duration.ofSeconds(task), Duration.ofSeconds(cooldown));
    }
}

package io.groundstation.bench.sim;

/**
 * Rover's default intervals (protocol.md §6), scaled. Every agent loop runs on one 5-s tick: the check and the upload
 * every tick, queryTasks/queryPolicies every 2nd, the heartbeat every 4th, as Rover's timers all start at boot.
 */
final class FleetTiming {

    static final double TICK_SECONDS = 5;
    static final int TICKS_PER_POLL = 2;
    static final int TICKS_PER_HEARTBEAT = 4;
    static final int HEARTBEATS_PER_FULL_REPORT = 10;
    /** profiling.task.network.report_interval */
    static final double NETWORK_FLUSH_SECONDS = 2;
    private static final double COOLDOWN_SECONDS = 1200;

    private final double scale;
    private final double taskDurationSeconds;
    private final double restartEverySeconds;

    FleetTiming(double scale, double taskDurationSeconds, double restartEverySeconds) {
        this.scale = scale;
        this.taskDurationSeconds = taskDurationSeconds;
        this.restartEverySeconds = restartEverySeconds;
    }

    long tickNanos() {
        return nanos(TICK_SECONDS);
    }

    long networkFlushNanos() {
        return nanos(NETWORK_FLUSH_SECONDS);
    }

    long taskNanos() {
        return nanos(taskDurationSeconds);
    }

    /** Rover's own cooldown: no new task for a process and target within this time of the last task's start. */
    long cooldownNanos() {
        return nanos(COOLDOWN_SECONDS);
    }

    /** Per tick, so that restarts come every {@code restartEverySeconds} on average. */
    double restartChancePerTick() {
        return restartEverySeconds <= 0 ? 0 : Math.min(1, TICK_SECONDS / restartEverySeconds);
    }

    int taskDurationSeconds() {
        return (int) Math.round(taskDurationSeconds);
    }

    private long nanos(double agentSeconds) {
        return Math.max(1, (long) (agentSeconds * scale * 1e9));
    }
}

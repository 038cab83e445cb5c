package io.groundstation.bench.sim;

/**
 * Rover's default intervals (protocol.md §6), scaled. Every agent loop runs on one 5-s tick: the check and the upload
 * every tick, queryTasks/queryPolicies every 2nd, the heartbeat every 4th, as Rover's timers all start at boot.
 *
 * @param scale        real seconds per agent second
 * @param taskDuration agent seconds a granted task runs
 * @param restartEvery mean agent seconds between restarts of one agent; 0 for never
 */
record FleetTiming(double scale, double taskDuration, double restartEvery) {

    static final double TICK_SECONDS = 5;
    static final int TICKS_PER_POLL = 2;
    static final int TICKS_PER_HEARTBEAT = 4;
    static final int HEARTBEATS_PER_FULL_REPORT = 10;
    /** profiling.task.network.report_interval */
    static final double NETWORK_FLUSH_SECONDS = 2;
    private static final double COOLDOWN_SECONDS = 1200;

    long tickNanos() {
        return nanos(TICK_SECONDS);
    }

    long networkFlushNanos() {
        return nanos(NETWORK_FLUSH_SECONDS);
    }

    long taskNanos() {
        return nanos(taskDuration);
    }

    /** Rover's own cooldown: no new task for a process and target within this time of the last task's start. */
    long cooldownNanos() {
        return nanos(COOLDOWN_SECONDS);
    }

    /** Per tick, so that restarts come every {@code restartEvery} on average. */
    double restartChancePerTick() {
        return restartEvery <= 0 ? 0 : Math.min(1, TICK_SECONDS / restartEvery);
    }

    int taskDurationSeconds() {
        return (int) Math.round(taskDuration);
    }

    private long nanos(double agentSeconds) {
        return Math.max(1, (long) (agentSeconds * scale * 1e9));
    }
}

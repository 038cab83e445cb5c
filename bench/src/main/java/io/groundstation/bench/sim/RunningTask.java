package io.groundstation.bench.sim;

/**
 * A profiling task an agent is running: samples of it go up under {@code taskId} until {@code endNanos}
 * ({@link System#nanoTime()} scale).
 */
record RunningTask(String taskId, String processId, Workload workload, boolean onCpu, long startMillis,
                   long endNanos) {
}

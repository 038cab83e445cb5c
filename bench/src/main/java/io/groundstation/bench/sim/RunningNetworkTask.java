package io.groundstation.bench.sim;

import java.util.Map;

/**
 * A NETWORK task an agent is running: its processes (entity → backend process id) send meters, sampled traces and
 * content events every 2 s until {@code endNanos} ({@link System#nanoTime()} scale). The task id never goes on the
 * wire: the backend attributes by process and time.
 */
record RunningNetworkTask(String taskId, Map<SimulatedProcess, String> processes, long endNanos) {

    RunningNetworkTask {
        processes = Map.copyOf(processes);
    }
}

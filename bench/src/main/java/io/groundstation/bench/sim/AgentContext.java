package io.groundstation.bench.sim;

import io.groundstation.bench.reply.AgentReplyReader;
import io.groundstation.bench.report.RunMetrics;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every simulated agent of a fleet shares. {@code profilingShare}: the part of the agents whose processes
 * trigger policies early in the run.
 */
record AgentContext(RunMetrics metrics, AgentReplyReader reader, FleetTiming timing,
                    ScheduledExecutorService scheduler, UploadBuilder uploads, NetworkFlushBuilder network,
                    double profilingShare, double triggerChance, double churn, AtomicBoolean stopped) {

    boolean isStopped() {
        return stopped.get();
    }
}

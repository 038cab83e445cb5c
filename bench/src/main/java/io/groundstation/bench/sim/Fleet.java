package io.groundstation.bench.sim;

import io.groundstation.bench.reply.AgentReplyReader;
import io.groundstation.bench.report.ProcUsage;
import io.groundstation.bench.report.RunMetrics;
import io.groundstation.bench.report.RunReport;
import io.groundstation.bench.report.ServerLatency;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a whole simulated fleet for a bounded time. However many agents, the threads are few: one scheduler, two reply
 * threads and the channels' shared event loops.
 */
public final class Fleet {

    private static final int SCHEDULER_THREADS = 1;
    private static final int CALLBACK_THREADS = 2;

    private Fleet() {
    }

    public static RunReport run(SimulatorOptions options) throws InterruptedException {
        serverUsage(options); // a wrong pid fails here, before any load is sent
        RunMetrics metrics = new RunMetrics();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(SCHEDULER_THREADS,
                daemonThreads("fleet-scheduler"));
        ExecutorService callbacks = Executors.newFixedThreadPool(CALLBACK_THREADS, daemonThreads("fleet-replies"));
        List<ManagedChannel> channels = new ArrayList<>();
        int channelCount = options.channels() == 0 ? options.agents() : options.channels();
        for (int i = 0; i < channelCount; i++) {
            channels.add(NettyChannelBuilder.forAddress(options.target()).usePlaintext().executor(callbacks).build());
        }
        AtomicBoolean stopped = new AtomicBoolean();
        AgentContext ctx = new AgentContext(metrics, new AgentReplyReader(),
                new FleetTiming(options.timeScale(), options.taskDuration(), options.restartEvery()), scheduler,
                new UploadBuilder(new StackCatalog(), options.stacksPerUpload()), new NetworkFlushBuilder(),
                options.profilingShare(), options.triggerChance(), options.churn(), stopped);
        List<SimulatedAgent> agents = createAgents(options, ctx, channels);

        long start = System.nanoTime();
        agents.forEach(SimulatedAgent::join);
        if (options.restartStormAt() >= 0) {
            scheduler.schedule(() -> agents.forEach(SimulatedAgent::restart),
                    (long) (options.restartStormAt() * 1e9), TimeUnit.NANOSECONDS);
        }
        TimeUnit.NANOSECONDS.sleep((long) (options.warmup() * 1e9));
        metrics.startMeasuring();
        ProcUsage serverBefore = serverUsage(options);
        ServerLatency latencyBefore = serverLatency(options);
        long measuredFrom = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(Math.max(0, start + (long) (options.duration() * 1e9) - measuredFrom));
        stopped.set(true);
        double seconds = (System.nanoTime() - measuredFrom) / 1e9;
        ProcUsage serverAfter = serverUsage(options);
        ServerLatency latencyAfter = serverLatency(options);
        scheduler.shutdownNow();
        // a tick that passed its stop check just before the stop may still be building calls; they must be counted
        // in flight before the drain looks, or the channels close under them
        scheduler.awaitTermination((long) (options.drain() * 1e9), TimeUnit.NANOSECONDS);
        awaitReplies(metrics, options.drain());
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
        }
        for (ManagedChannel channel : channels) {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
        callbacks.shutdown();
        // --time-scale shrinks every agent interval, so one run second stands for 1/time-scale agent seconds.
        double agentHours = options.agents() * seconds / options.timeScale() / 3600;
        return RunReport.of(options.describe(), seconds, agentHours, metrics, serverBefore, serverAfter,
                latencyAfter == null ? null : latencyAfter.since(latencyBefore));
    }

    private static ProcUsage serverUsage(SimulatorOptions options) {
        return options.serverPid() > 0 ? ProcUsage.read(options.serverPid()) : null;
    }

    private static ServerLatency serverLatency(SimulatorOptions options) {
        return options.serverMetrics() != null ? ServerLatency.scrape(options.serverMetrics()) : null;
    }

    /** The service names the fleet's processes carry, for setting policies that reach them. */
    public static List<String> serviceNames(SimulatorOptions options) {
        return ServiceCatalog.names(serviceCount(options));
    }

    /** A service has a few pods on each of many nodes, as Deployments spread over a cluster. */
    private static int serviceCount(SimulatorOptions options) {
        return Math.max(8, options.agents() * options.processesPerAgent() / 20);
    }

    private static List<SimulatedAgent> createAgents(SimulatorOptions options, AgentContext ctx,
                                                     List<ManagedChannel> channels) {
        List<AgentStubs> stubs = channels.stream()
                .map(channel -> new AgentStubs(channel, options.channels() == 0, options.token())).toList();
        SplittableRandom random = new SplittableRandom(options.seed());
        ServiceCatalog catalog = ServiceCatalog.generate(serviceCount(options), random.split());
        List<SimulatedAgent> agents = new ArrayList<>(options.agents());
        for (int i = 0; i < options.agents(); i++) {
            SplittableRandom agentRandom = random.split();
            agents.add(new SimulatedAgent(NodeInventory.generate(i, options.processesPerAgent(), catalog, agentRandom),
                    stubs.get(i % stubs.size()), ctx, agentRandom));
        }
        return agents;
    }

    private static void awaitReplies(RunMetrics metrics, double drainSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (drainSeconds * 1e9);
        while (metrics.inFlight() > 0 && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

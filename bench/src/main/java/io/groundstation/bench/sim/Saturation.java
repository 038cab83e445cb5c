package io.groundstation.bench.sim;

import io.groundstation.bench.cli.CommandLineArgs;
import io.groundstation.bench.cli.LoopbackAddress;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingPolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServicePolicyQuery;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop saturation: registers a fleet, then THREADS clients send the two most frequent calls back to back, as
 * fast as the server answers, keepAlive : queryPolicies = 2 : 3 (Rover's ratio at default timings), for DURATION
 * seconds. The throughput is the server's ceiling on this machine; run it against the baseline server alongside.
 */
public final class Saturation {

    private Saturation() {
    }

    public static void main(String[] argv) throws InterruptedException {
        CommandLineArgs args = CommandLineArgs.parse(argv, Set.of());
        InetSocketAddress target = LoopbackAddress.parse(args.string("target", "127.0.0.1:11800"));
        int agents = (int) args.integer("agents", 200, 1, 100_000);
        int processes = (int) args.integer("processes", 50, 1, 10_000);
        int threads = (int) args.integer("threads", 16, 1, 1024);
        long durationMillis = (long) (args.decimal("duration", 20, 1, 3600) * 1000);
        // Calls in the warm-up are sent but not counted: both servers' hot paths are compiled before the count starts.
        long warmupMillis = (long) (args.decimal("warmup", 10, 0, 3600) * 1000);
        args.rejectUnknown();

        SplittableRandom random = new SplittableRandom(1);
        ServiceCatalog catalog = ServiceCatalog.generate(Math.max(8, agents * processes / 20), random.split());
        List<EBPFProcessReportList> reports = new ArrayList<>();
        List<EBPFProcessPingPkgList> pings = new ArrayList<>();
        List<ContinuousProfilingPolicyQuery> polls = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String agentId = "saturation-" + i;
            NodeInventory node = NodeInventory.generate(i, processes, catalog, random.split());
            EBPFProcessReportList.Builder report = EBPFProcessReportList.newBuilder().setEbpfAgentID(agentId);
            EBPFProcessPingPkgList.Builder ping = EBPFProcessPingPkgList.newBuilder().setEbpfAgentID(agentId);
            Set<String> services = new TreeSet<>();
            for (SimulatedProcess process : node.processes()) {
                report.addProcesses(process.report());
                ping.addProcesses(process.ping());
                services.add(process.serviceName());
            }
            ContinuousProfilingPolicyQuery.Builder poll = ContinuousProfilingPolicyQuery.newBuilder();
            services.forEach(s -> poll.addPolicies(ContinuousProfilingServicePolicyQuery.newBuilder()
                    .setServiceName(s).setUuid("")));
            reports.add(report.build());
            pings.add(ping.build());
            polls.add(poll.build());
        }

        ManagedChannel channel = NettyChannelBuilder.forAddress(target).usePlaintext().build();
        EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub registry = EBPFProcessServiceGrpc.newBlockingStub(channel);
        ContinuousProfilingServiceGrpc.ContinuousProfilingServiceBlockingStub policies =
                ContinuousProfilingServiceGrpc.newBlockingStub(channel);
        for (EBPFProcessReportList report : reports) {
            int echoed = registry.reportProcesses(report).getProcessesCount();
            if (echoed != report.getProcessesCount()) {
                throw new IllegalStateException("registration echoed " + echoed + " of " + report.getProcessesCount());
            }
        }

        LongAdder keepAlives = new LongAdder();
        LongAdder queries = new LongAdder();
        ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
        long started = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMillis);
        long end = started + TimeUnit.MILLISECONDS.toNanos(durationMillis);
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int offset = t;
            clients.execute(() -> {
                for (long n = offset; System.nanoTime() < end; n++) {
                    int agent = (int) (n % agents);
                    try {
                        boolean counted = System.nanoTime() - started >= 0;
                        if (n % 5 < 2) {
                            registry.keepAlive(pings.get(agent));
                            if (counted) {
                                keepAlives.increment();
                            }
                        } else {
                            policies.queryPolicies(polls.get(agent));
                            if (counted) {
                                queries.increment();
                            }
                        }
                    } catch (StatusRuntimeException e) {
                        errors.computeIfAbsent(e.getStatus().getCode().name(), c -> new LongAdder()).increment();
                    }
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(warmupMillis + durationMillis + 60_000, TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        channel.shutdownNow();
        long ok = keepAlives.sum() + queries.sum();
        System.out.printf("saturation: %d agents x %d processes, %d threads, %.1f s after %.1f s warm-up: %.0f RPC/s"
                        + " (keepAlive %.0f/s, queryPolicies %.0f/s, %.0f pings/s), errors %s%n", agents, processes,
                threads, seconds, warmupMillis / 1000.0,
                ok / seconds, keepAlives.sum() / seconds, queries.sum() / seconds,
                keepAlives.sum() * processes / seconds, errors);
    }
}

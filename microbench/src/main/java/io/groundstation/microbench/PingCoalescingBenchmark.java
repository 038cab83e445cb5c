package io.groundstation.microbench;

import io.groundstation.registry.Ids;
import io.groundstation.registry.Ping;
import io.groundstation.registry.ProcessRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Keep-alives, the most frequent RPC: every agent pings all its processes every 20 s, and the registry holds only the
 * newest ping per process until the flush. PingCoalescer is package-private, so it is driven through
 * ProcessRegistry and flushPings. {@code keepAlive} is a keep-alive the registry has to work out (a set other than
 * the agent's last: every entity checked, every process id computed, which is its floor, {@code keepAliveFloorIds});
 * {@code keepAliveAgain} is the steady state, the same bytes as the agent's last keep-alive.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PingCoalescingBenchmark {

    /** Agents whose pings wait for one flush: 10 000 processes, a quarter of a 2 000-node fleet at a 5-s flush. */
    private static final int AGENTS_PER_FLUSH = 500;

    /** One registry shared by the benchmark threads, as the gRPC threads share the server's. */
    @State(Scope.Benchmark)
    public static class SharedRegistry {
        ProcessRegistry registry;

        @Setup
        public void setUp() {
            registry = Registries.withoutDatabase();
        }
    }

    /**
     * Each thread is one agent pinging its node's processes; the keys repeat, so pings replace pending ones. Each
     * request arrives as a new array, so the same keep-alive again is an equal, not the same, array.
     */
    @State(Scope.Thread)
    public static class Agent {
        String agentId;
        List<Ping> pings;
        byte[] sameRequestAgain;

        @Setup
        public void setUp(ThreadParams thread, SharedRegistry shared) {
            agentId = "agent-" + thread.getThreadIndex();
            pings = pingsOfNode(thread.getThreadIndex());
            shared.registry.keepAlive(agentId, pings, requestOf(pings));
            sameRequestAgain = requestOf(pings);
        }
    }

    /** A registry holding one flush worth of pings, refilled outside the measured time before every flush. */
    @State(Scope.Thread)
    public static class Backlog {
        ProcessRegistry registry;
        List<List<Ping>> nodes;
        List<byte[]> requests;

        @Setup(Level.Trial)
        public void setUp() {
            registry = Registries.withoutDatabase();
            nodes = IntStream.range(0, AGENTS_PER_FLUSH).mapToObj(PingCoalescingBenchmark::pingsOfNode).toList();
            requests = nodes.stream().map(PingCoalescingBenchmark::requestOf).toList();
        }

        /** The same request arrays each time (the registry keeps them, never changes them): a copy each showed as GC. */
        @Setup(Level.Invocation)
        public void fill() {
            for (int node = 0; node < nodes.size(); node++) {
                registry.keepAlive("agent-" + node, nodes.get(node), requests.get(node));
            }
        }
    }

    /** Stands for the keep-alive's bytes: as long as a real one (the names of each entity), compared the same way. */
    private static byte[] requestOf(List<Ping> pings) {
        StringBuilder request = new StringBuilder();
        pings.forEach(ping -> request.append(ping.entity()).append(ping.ebpfSupported()));
        return request.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<Ping> pingsOfNode(int node) {
        return Fleet.node(node, Fleet.PROCESSES_PER_NODE).stream().map(entity -> new Ping(entity, true)).toList();
    }

    @Benchmark
    public List<String> keepAlive(SharedRegistry shared, Agent agent) {
        return shared.registry.keepAlive(agent.agentId, agent.pings, agent.sameRequestAgain.clone());
    }

    @Benchmark
    public boolean keepAliveAgain(SharedRegistry shared, Agent agent) {
        return shared.registry.keepAliveAgain(agent.agentId, agent.sameRequestAgain);
    }

    @Benchmark
    @Threads(2)
    public List<String> keepAliveTwoThreads(SharedRegistry shared, Agent agent) {
        return keepAlive(shared, agent);
    }

    @Benchmark
    public void keepAliveFloorIds(Agent agent, Blackhole ids) {
        for (Ping ping : agent.pings) {
            ids.consume(Ids.processId(ping.entity()));
        }
    }

    @Benchmark
    public int flush(Backlog backlog) {
        return backlog.registry.flushPings();
    }
}

package io.groundstation.network;

import io.groundstation.task.ProfilingTask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** Turns a task's summed meters and merged histograms into its topology (see {@link Topology}). */
final class TopologyBuilder {

    private static final String REQUESTS = "http1_request_counter";
    private static final String STATUS = "http1_response_status_counter";

    private TopologyBuilder() {
    }

    /** The counters an edge sums, by the end of their meters' names (after the client_ or server_ side). */
    private enum Counter {
        BYTES_WRITTEN("_write_bytes_counter"), BYTES_READ("_read_bytes_counter"),
        RETRANSMITS("_retransmit_counts_counter"), DROPS("_drop_counts_counter"),
        CONNECTS("_connect_counts_counter"), CLOSES("_close_counts_counter");

        private final String suffix;

        Counter(String suffix) {
            this.suffix = suffix;
        }

        static Optional<Counter> of(String meter) {
            return Arrays.stream(values()).filter(c -> meter.endsWith(c.suffix)).findFirst();
        }
    }

    private static final class EdgeSums {
        long requests;
        final Map<String, Long> statusCodes = new TreeMap<>();
        MeterTotal latency = new MeterTotal(0, 0);
        final Map<Double, Long> latencyBuckets = new TreeMap<>();
        MeterTotal rtt = new MeterTotal(0, 0);
        final Map<Counter, Long> counters = new EnumMap<>(Counter.class);

        long count(Counter counter) {
            return counters.getOrDefault(counter, 0L);
        }
    }

    static Topology of(ProfilingTask task, List<NetworkStore.LinkMeter> meters,
                       List<NetworkStore.LinkBucket> buckets, Function<String, Optional<String>> processNames,
                       long from, long to) {
        Map<Link, EdgeSums> edges = new TreeMap<>(Link.ORDER);
        for (NetworkStore.LinkMeter meter : meters) {
            add(edges.computeIfAbsent(meter.link(), l -> new EdgeSums()), meter);
        }
        for (NetworkStore.LinkBucket bucket : buckets) {
            if (isHttpDuration(bucket.meter(), "_duration_histogram")) {
                edges.computeIfAbsent(bucket.link(), l -> new EdgeSums()).latencyBuckets
                        .merge(bucket.bucket(), bucket.hits(), Long::sum);
            }
        }
        Map<String, Topology.Node> nodes = new LinkedHashMap<>();
        for (String processId : task.processIds()) {
            nodes.put(processId, processNode(processId, processNames));
        }
        double seconds = Math.max(1, (to - from) / 1000.0);
        List<Topology.Edge> result = new ArrayList<>();
        edges.forEach((link, sums) -> {
            nodes.computeIfAbsent(link.processId(), id -> processNode(id, processNames));
            Peer peer = link.peer();
            nodes.computeIfAbsent(peer.nodeId(), id -> switch (peer.kind()) {
                case PROCESS -> processNode(peer.value(), processNames);
                case LOCAL -> new Topology.Node(id, "local", null, null);
                case ADDRESS -> new Topology.Node(id, "address", null, peer.value());
            });
            String source = link.clientSide() ? link.processId() : peer.nodeId();
            String target = link.clientSide() ? peer.nodeId() : link.processId();
            long responses = sums.statusCodes.values().stream().mapToLong(Long::longValue).sum();
            long errors = sums.statusCodes.entrySet().stream().filter(e -> serverError(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            result.add(new Topology.Edge(source, target, link.side(), link.protocol(), link.ssl(), sums.requests,
                    sums.requests / seconds, Map.copyOf(sums.statusCodes),
                    responses == 0 ? null : (double) errors / responses,
                    new Topology.Latency(sums.latency.mean(), percentile(sums.latencyBuckets, 0.50),
                            percentile(sums.latencyBuckets, 0.95), percentile(sums.latencyBuckets, 0.99)),
                    sums.count(Counter.BYTES_WRITTEN), sums.count(Counter.BYTES_READ), sums.rtt.mean(),
                    sums.count(Counter.RETRANSMITS), sums.count(Counter.DROPS), sums.count(Counter.CONNECTS),
                    sums.count(Counter.CLOSES)));
        });
        return new Topology(from, to, List.copyOf(nodes.values()), result);
    }

    private static void add(EdgeSums sums, NetworkStore.LinkMeter meter) {
        String name = meter.meter();
        long count = Math.round(meter.total().total());
        if (name.equals(REQUESTS)) {
            sums.requests += count;
        } else if (name.equals(STATUS)) {
            sums.statusCodes.merge(meter.code(), count, Long::sum);
        } else if (isHttpDuration(name, "_duration_avg")) {
            sums.latency = sums.latency.plus(meter.total());
        } else if (name.endsWith("_write_rtt_exe_time_counter")) {
            sums.rtt = sums.rtt.plus(meter.total());
        } else {
            Counter.of(name).ifPresent(counter -> sums.counters.merge(counter, count, Long::sum));
        }
    }

    private static boolean isHttpDuration(String name, String suffix) {
        return name.startsWith("http1_") && name.endsWith(suffix);
    }

    private static boolean serverError(String code) {
        try {
            return Integer.parseInt(code) >= 500;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The {@code q} quantile of a histogram whose buckets are lower bounds: the upper bound (the next bucket's
     * lower bound) of the bucket the quantile falls in, or the last bucket's lower bound; null when empty.
     */
    static Double percentile(Map<Double, Long> buckets, double q) {
        long total = buckets.values().stream().mapToLong(Long::longValue).sum();
        if (total <= 0) {
            return null;
        }
        double rank = q * total;
        long seen = 0;
        List<Double> bounds = new ArrayList<>(new TreeMap<>(buckets).keySet());
        for (int i = 0; i < bounds.size(); i++) {
            seen += buckets.get(bounds.get(i));
            if (seen >= rank && seen > 0) {
                return i + 1 < bounds.size() ? bounds.get(i + 1) : bounds.get(i);
            }
        }
        return bounds.get(bounds.size() - 1);
    }

    private static Topology.Node processNode(String processId, Function<String, Optional<String>> names) {
        return new Topology.Node(processId, "process", processId, names.apply(processId).orElse(null));
    }

}

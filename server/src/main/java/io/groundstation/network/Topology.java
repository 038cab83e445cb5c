package io.groundstation.network;

import java.util.List;
import java.util.Map;

/**
 * The processes of a NETWORK task, their peers, and what went between them over a time window. Edges go from
 * client to server; {@code side} says which end saw the traffic (both ends profiled: one edge per side).
 */
public record Topology(long from, long to, List<Node> nodes, List<Edge> edges) {

    /** {@code kind} process, local or address; {@code processId} and {@code name} only for processes. */
    public record Node(String id, String kind, String processId, String name) {
    }

    /** Latency in ms: the weighted mean of the flushes' means, percentiles from the merged histogram. */
    public record Latency(Double mean, Double p50, Double p95, Double p99) {
    }

    /**
     * {@code requests} sums {@code http1_request_counter}; {@code requestsPerSecond} over the window;
     * {@code errorShare} is the share of responses with status 500 or more; bytes as written and read by the
     * observing end; {@code rttMicros} the weighted mean write RTT; retransmits and drops are counts.
     */
    public record Edge(String source, String target, String side, String protocol, boolean ssl, long requests,
                       double requestsPerSecond, Map<String, Long> statusCodes, Double errorShare, Latency latencyMs,
                       long bytesWritten, long bytesRead, Double rttMicros, long retransmits, long drops,
                       long connects, long closes) {
    }
}

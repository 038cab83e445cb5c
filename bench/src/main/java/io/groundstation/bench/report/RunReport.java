package io.groundstation.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.groundstation.bench.reply.MisreadKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The result of one simulator run; serialises to the JSON written by {@code --json-out}.
 *
 * @param server        {@code null} unless the run was given the server's pid
 * @param serverLatency the server's own latency per method over the measured seconds; {@code null} unless the run
 *                      was given its /metrics
 */
public record RunReport(Map<String, String> settings, double seconds, Throughput throughput,
                        List<MethodStats> methods, Map<String, Long> misreads, Map<String, Long> events,
                        Resyncs resyncsPerAgentHour, long unfinishedCalls, ServerStats server,
                        Map<String, ServerLatency.Method> serverLatency) {

    /**
     * Policy re-syncs (each restarts every URI-filtered HTTP window of the agent) per agent-hour of agent time:
     * needed (a process set or a policy changed) and unneeded (only URI-filter spellings changed).
     */
    public record Resyncs(double needed, double unneeded) {
    }

    public record Throughput(double rpcsPerSecond, double pingsPerSecond, double registrationsPerSecond) {
    }

    public record MethodStats(String method, long calls, long ok, Map<String, Long> errors,
                              double p50Millis, double p99Millis, double maxMillis) {
    }

    public record ServerStats(long pid, double cpuSeconds, double cpuPercentOfOneCore, long peakRssKiB) {
    }

    /** @param agentHours the agent time the measured seconds stand for, summed over the fleet */
    public static RunReport of(Map<String, String> settings, double seconds, double agentHours, RunMetrics metrics,
                               ProcUsage serverBefore, ProcUsage serverAfter,
                               Map<String, ServerLatency.Method> serverLatency) {
        List<MethodStats> methods = new ArrayList<>();
        long calls = 0;
        for (RpcMethod method : RpcMethod.values()) {
            MethodStats stats = methodStats(method, metrics);
            methods.add(stats);
            calls += stats.calls();
        }
        Map<String, Long> misreads = new LinkedHashMap<>();
        for (MisreadKind kind : MisreadKind.values()) {
            misreads.put(kind.name(), metrics.misreads(kind));
        }
        Map<String, Long> events = new LinkedHashMap<>();
        for (FleetEvent event : FleetEvent.values()) {
            events.put(event.name(), metrics.events(event));
        }
        Throughput throughput = new Throughput(calls / seconds,
                metrics.events(FleetEvent.PINGS) / seconds, metrics.events(FleetEvent.REGISTRATIONS) / seconds);
        ServerStats server = null;
        if (serverBefore != null) {
            double cpu = serverAfter.cpuSecondsSince(serverBefore);
            server = new ServerStats(serverAfter.pid(), cpu, 100 * cpu / seconds, serverAfter.peakRssKiB());
        }
        Resyncs resyncs = new Resyncs(events.get(FleetEvent.NEEDED_RESYNCS.name()) / agentHours,
                events.get(FleetEvent.UNNEEDED_RESYNCS.name()) / agentHours);
        return new RunReport(settings, seconds, throughput, methods, misreads, events, resyncs, metrics.inFlight(),
                server, serverLatency);
    }

    private static MethodStats methodStats(RpcMethod method, RunMetrics metrics) {
        Map<String, Long> errors = new LinkedHashMap<>();
        metrics.failures(method).forEach((code, n) -> errors.put(code.name(), n));
        long ok = metrics.ok(method);
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        Histogram latency = metrics.latencyMicros(method);
        return new MethodStats(method.wireName(), ok + failed, ok, errors,
                millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(99)),
                millis(latency.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    public long totalMisreads() {
        return misreads.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalRpcErrors() {
        return methods.stream().flatMap(m -> m.errors().values().stream()).mapToLong(Long::longValue).sum();
    }

    public MethodStats method(RpcMethod method) {
        return methods.stream().filter(m -> m.method().equals(method.wireName())).findFirst().orElseThrow();
    }

    public void writeJson(Path file) throws IOException {
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(this));
    }
}

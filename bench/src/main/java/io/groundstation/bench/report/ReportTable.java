package io.groundstation.bench.report;

import io.groundstation.bench.reply.MisreadKind;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The human-readable form of a {@link RunReport}. */
public final class ReportTable {

    private ReportTable() {
    }

    public static String render(RunReport report) {
        StringBuilder out = new StringBuilder();
        line(out, "settings: %s", report.settings().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        line(out, "ran %.1f s: %.1f RPC/s, %.1f pings/s, %.1f registrations/s", report.seconds(),
                report.throughput().rpcsPerSecond(), report.throughput().pingsPerSecond(),
                report.throughput().registrationsPerSecond());
        line(out, "");
        line(out, "%-22s %10s %10s %8s %9s %9s %9s  %s", "method", "calls", "ok", "errors",
                "p50 ms", "p99 ms", "max ms", "gRPC status");
        for (RunReport.MethodStats m : report.methods()) {
            line(out, "%-22s %10d %10d %8d %9.2f %9.2f %9.2f  %s", m.method(), m.calls(), m.ok(),
                    m.calls() - m.ok(), m.p50Millis(), m.p99Millis(), m.maxMillis(), counts(m.errors()));
        }
        line(out, "");
        if (report.totalMisreads() == 0) {
            line(out, "misreads: none");
        } else {
            line(out, "misreads (replies a real agent would misread or crash on):");
            for (MisreadKind kind : MisreadKind.values()) {
                long n = report.misreads().get(kind.name());
                if (n > 0) {
                    line(out, "  %-28s %8d  %s%s", kind.name(), n, kind.crashesAgent() ? "CRASHES AGENT: " : "",
                            kind.description());
                }
            }
        }
        line(out, "fleet: %s, unfinished calls at end=%d", counts(report.events()).toLowerCase(Locale.ROOT),
                report.unfinishedCalls());
        line(out, "policy re-syncs per agent-hour: needed %.1f, unneeded %.1f (each restarts the agent's"
                + " URI-filtered HTTP windows)", report.resyncsPerAgentHour().needed(),
                report.resyncsPerAgentHour().unneeded());
        if (report.server() != null) {
            RunReport.ServerStats s = report.server();
            line(out, "server pid %d: cpu %.2f s (%.1f%% of one core), peak RSS %.1f MiB", s.pid(), s.cpuSeconds(),
                    s.cpuPercentOfOneCore(), s.peakRssKiB() / 1024.0);
        }
        if (report.serverLatency() != null) {
            line(out, "");
            line(out, "the server's own latency (its rpc histogram; at most the bucket bound shown):");
            line(out, "%-22s %10s %9s %9s", "method", "calls", "p50 ms", "p99 ms");
            report.serverLatency().forEach((method, m) -> line(out, "%-22s %10d %9s %9s", method, m.calls(),
                    bound(m.p50AtMostMillis()), bound(m.p99AtMostMillis())));
        }
        return out.toString();
    }

    private static String bound(Double millis) {
        return millis == null ? "> 10 s" : "<= " + String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

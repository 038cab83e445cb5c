package io.groundstation.bench.report;

/** The agent RPCs the simulator issues, in the order a report lists them. */
public enum RpcMethod {
    REPORT_PROCESSES("reportProcesses"),
    KEEP_ALIVE("keepAlive"),
    QUERY_TASKS("queryTasks"),
    QUERY_POLICIES("queryPolicies"),
    REPORT_PROFILING_TASK("reportProfilingTask"),
    COLLECT_PROFILING_DATA("collectProfilingData"),
    /** NETWORK tasks only: meters, sampled-trace logs and span events, every 2 s */
    COLLECT_NETWORK_METERS("collectBatch"),
    COLLECT_SAMPLED_TRACES("LogReportService/collect"),
    COLLECT_SPAN_EVENTS("SpanAttachedEventReportService/collect");

    private final String wireName;

    RpcMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}

package io.groundstation.network;

/**
 * One sampled-trace log as the agent sent it ({@code LOG_KIND = NET_PROFILING_SAMPLED_TRACE}, protocol.md §8):
 * the request's uri (no query), why it was sampled ({@code slow}, {@code status_4xx}, {@code status_5xx}), its
 * latency (ms), status, trace id and provider, both ends, where it was seen ({@code client}/{@code server}),
 * component and TLS. {@code time} is epoch ms.
 */
public record ReportedTrace(String service, String instance, long time, String traceId, String uri, String reason,
                            long latencyMs, int status, String traceProvider, Endpoint client, Endpoint server,
                            String detectPoint, String component, boolean ssl) {

    /** The process that saw the request: the end at the detect point. */
    public String localProcessId() {
        Endpoint local = "client".equals(detectPoint) ? client : server;
        return local.processId();
    }
}

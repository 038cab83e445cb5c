package io.groundstation.bench.report;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerLatencyTest {

    private static String scrape(long fast, long mid, long all, long pollsAll) {
        return """
                # HELP groundstation_rpc_duration_seconds agent RPC latency
                # TYPE groundstation_rpc_duration_seconds histogram
                groundstation_rpc_duration_seconds_bucket{method="collect",le="0.005"} %d
                groundstation_rpc_duration_seconds_bucket{method="collect",le="0.1"} %d
                groundstation_rpc_duration_seconds_bucket{method="collect",le="10.0"} %d
                groundstation_rpc_duration_seconds_bucket{method="collect",le="+Inf"} %d
                groundstation_rpc_duration_seconds_count{method="collect"} %d
                groundstation_rpc_duration_seconds_bucket{le="0.005",method="queryPolicies"} %d
                groundstation_rpc_duration_seconds_bucket{le="+Inf",method="queryPolicies"} %d
                groundstation_pending_pings 3.0
                """.formatted(fast, mid, all, all, all, pollsAll, pollsAll);
    }

    @Test
    void percentilesAreTheBucketBoundsOfTheCallsBetweenTwoScrapes() {
        ServerLatency before = ServerLatency.parse(scrape(100, 150, 200, 50));
        // 100 calls since: 60 within 5 ms, 39 more within 100 ms, 1 within 10 s; no polls since.
        ServerLatency after = ServerLatency.parse(scrape(160, 249, 300, 50));

        Map<String, ServerLatency.Method> methods = after.since(before);

        assertThat(methods).containsOnlyKeys("collect");
        assertThat(methods.get("collect")).isEqualTo(new ServerLatency.Method(100, 5.0, 100.0));
    }

    @Test
    void aMethodFirstCalledAfterTheFirstScrapeCountsFromZeroAndCallsPastTheLastBucketHaveNoBound() {
        ServerLatency before = ServerLatency.parse("groundstation_pending_pings 0.0\n");
        ServerLatency after = ServerLatency.parse(scrape(0, 0, 0, 10)
                .replace("collect\",le=\"+Inf\"} 0", "collect\",le=\"+Inf\"} 4"));

        Map<String, ServerLatency.Method> methods = after.since(before);

        assertThat(methods.get("queryPolicies")).isEqualTo(new ServerLatency.Method(10, 5.0, 5.0));
        assertThat(methods.get("collect")).isEqualTo(new ServerLatency.Method(4, null, null));
    }
}

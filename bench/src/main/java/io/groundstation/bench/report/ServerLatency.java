package io.groundstation.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own latency per agent method, read from Groundstation's {@code groundstation_rpc_duration_seconds}
 * histogram on /metrics: from a call's start to its close as the server saw it, without what the simulator's own
 * JVM adds when it shares the machine. A percentile is the upper bound of the bucket it falls in.
 *
 * @param buckets per method, each bucket's upper bound in seconds and its cumulative count
 */
public record ServerLatency(Map<String, NavigableMap<Double, Double>> buckets) {

    private static final Pattern BUCKET = Pattern.compile(
            "^groundstation_rpc_duration_seconds_bucket\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * One method between two scrapes.
     *
     * @param p50AtMostMillis null when beyond the largest bucket (likewise p99)
     */
    public record Method(long calls, Double p50AtMostMillis, Double p99AtMostMillis) {
    }

    public static ServerLatency scrape(URI metrics) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(metrics + " answered " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + metrics, e);
        }
    }

    static ServerLatency parse(String exposition) {
        Map<String, NavigableMap<Double, Double>> buckets = new HashMap<>();
        for (String line : exposition.split("\n")) {
            Matcher bucket = BUCKET.matcher(line);
            if (!bucket.find()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            for (Matcher label = LABEL.matcher(bucket.group(1)); label.find(); ) {
                labels.put(label.group(1), label.group(2));
            }
            String le = labels.get("le");
            String method = labels.get("method");
            if (le != null && method != null) {
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.computeIfAbsent(method, m -> new TreeMap<>()).put(bound, Double.parseDouble(bucket.group(2)));
            }
        }
        return new ServerLatency(buckets);
    }

    /** The methods called since {@code earlier}, by name. */
    public Map<String, Method> since(ServerLatency earlier) {
        Map<String, Method> methods = new LinkedHashMap<>();
        new TreeMap<>(buckets).forEach((method, now) -> {
            NavigableMap<Double, Double> before = earlier.buckets().getOrDefault(method, new TreeMap<>());
            NavigableMap<Double, Double> counted = new TreeMap<>();
            now.forEach((bound, count) -> counted.put(bound, count - before.getOrDefault(bound, 0.0)));
            double calls = counted.lastEntry().getValue();
            if (calls > 0) {
                methods.put(method, new Method((long) calls, atMost(counted, 0.5 * calls),
                        atMost(counted, 0.99 * calls)));
            }
        });
        return methods;
    }

    private static Double atMost(NavigableMap<Double, Double> cumulative, double calls) {
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= calls) {
                return Double.isInfinite(bucket.getKey()) ? null : bucket.getKey() * 1000;
            }
        }
        return null;
    }
}

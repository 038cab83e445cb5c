package io.groundstation.meter;

import java.util.Set;

/** A read of stored points: time range {@code [from, to)}, the metrics wanted, and the most points to return. */
public record SeriesQuery(long from, long to, Set<ContinuousMetric> metrics, int limit) {

    public SeriesQuery {
        metrics = Set.copyOf(metrics);
        if (from >= to) {
            throw new IllegalArgumentException("from must be before to");
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("at least one metric");
        }
    }
}

package io.groundstation.meter;

import java.util.Collection;
import java.util.List;

/** Storage port of continuous-profiling metrics. Times are epoch milliseconds. */
public interface MeterStore {

    /** Stores the points; never replaces a stored one, even with the same process, metric, URI and time. */
    void append(List<MeterPoint> points);

    /** Points of one process in the query's range, ordered by time, metric, URI and seq; at most {@code max}. */
    List<MeterPoint> findOfProcess(String processId, SeriesQuery query, int max);

    /** The same over every registered process of the service. */
    List<MeterPoint> findOfService(String serviceName, SeriesQuery query, int max);

    /** For each process, metric and URI with points at or after {@code since}: the points of its newest time. */
    List<MeterPoint> findNewest(Collection<String> processIds, long since);

    int deleteOlderThan(long cutoff);
}

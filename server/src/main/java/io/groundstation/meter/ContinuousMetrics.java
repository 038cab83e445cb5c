package io.groundstation.meter;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics Rover's continuous-profiling checkers evaluate, stored per process as raw points: what a report
 * does ({@link #accept}), what is read back, and what expires. Points are buffered and written by {@link #flush()}.
 */
public final class ContinuousMetrics {

    private final MeterStore store;
    private final MeterIntake intake;
    private final MeterBuffer buffer;
    private final Duration retention;
    private final Clock clock;

    public ContinuousMetrics(MeterStore store, String prefix, int maxUriLength, int bufferLimit, Duration retention,
                             Clock clock) {
        this.store = store;
        this.intake = new MeterIntake(prefix, maxUriLength);
        this.buffer = new MeterBuffer(store, bufferLimit);
        this.retention = retention;
        this.clock = clock;
    }

    /** Takes the meters of one input set (one collection, or one whole plain stream) in the order sent. */
    public IntakeCounts accept(List<ReportedMeter> inputSet) {
        InputSet.Read<MeterPoint> read = intake.read(inputSet);
        int overflowed = buffer.offer(read.elements());
        return new IntakeCounts(read.elements().size() - overflowed, read.ignored(), read.invalid(), overflowed);
    }

    /** Writes buffered points; returns how many. On failure they stay buffered for the next flush. */
    public int flush() {
        return buffer.flush();
    }

    public int pending() {
        return buffer.pending();
    }

    /** Deletes points older than the retention; returns how many. */
    public int purgeExpired() {
        return store.deleteOlderThan(clock.millis() - retention.toMillis());
    }

    public SeriesResult ofProcess(String processId, SeriesQuery query) {
        return group(store.findOfProcess(processId, query, query.limit() + 1), query.limit());
    }

    /** Series of every registered process of the service. */
    public SeriesResult ofService(String serviceName, SeriesQuery query) {
        return group(store.findOfService(serviceName, query, query.limit() + 1), query.limit());
    }

    /**
     * The newest value of each metric (and URI) of each given process, among points at most {@code within} old;
     * processes without any are absent. Of values sharing the newest time, the last one sent wins.
     */
    public Map<String, List<LatestValue>> latest(Collection<String> processIds, Duration within) {
        Map<String, Map<SeriesKey, MeterPoint>> newest = new TreeMap<>();
        for (MeterPoint point : store.findNewest(processIds, clock.millis() - within.toMillis())) {
            newest.computeIfAbsent(point.processId(), id -> new TreeMap<>(SeriesKey.ORDER))
                    .merge(SeriesKey.of(point), point, (a, b) -> later(a, b));
        }
        Map<String, List<LatestValue>> result = new LinkedHashMap<>();
        newest.forEach((id, points) -> result.put(id, points.values().stream()
                .map(p -> new LatestValue(p.metric(), p.uri(), p.timestamp(), p.value())).toList()));
        return result;
    }

    private static MeterPoint later(MeterPoint a, MeterPoint b) {
        if (a.timestamp() != b.timestamp()) {
            return a.timestamp() > b.timestamp() ? a : b;
        }
        return a.seq() >= b.seq() ? a : b;
    }

    private static SeriesResult group(List<MeterPoint> points, int limit) {
        boolean truncated = points.size() > limit;
        Map<String, Map<SeriesKey, List<Sample>>> byProcess = new TreeMap<>();
        for (MeterPoint point : truncated ? points.subList(0, limit) : points) {
            byProcess.computeIfAbsent(point.processId(), id -> new TreeMap<>(SeriesKey.ORDER))
                    .computeIfAbsent(SeriesKey.of(point), key -> new ArrayList<>())
                    .add(new Sample(point.timestamp(), point.value()));
        }
        List<ProcessSeries> processes = new ArrayList<>();
        byProcess.forEach((id, series) -> processes.add(new ProcessSeries(id, series.entrySet().stream()
                .map(e -> new Series(e.getKey().metric(), e.getKey().uri(), List.copyOf(e.getValue())))
                .toList())));
        return new SeriesResult(processes, truncated);
    }

    private record SeriesKey(ContinuousMetric metric, String uri) {
        static final Comparator<SeriesKey> ORDER = Comparator.comparing(SeriesKey::metric)
                .thenComparing(SeriesKey::uri);

        static SeriesKey of(MeterPoint point) {
            return new SeriesKey(point.metric(), point.uri());
        }
    }
}

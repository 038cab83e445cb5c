package io.groundstation.bench.store;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Counts of rows written by kind, and latency recorders of the writer's transactions. */
final class SoakMetrics {

    private final Map<RowKind, LongAdder> rows = new EnumMap<>(RowKind.class);
    final LongAdder flushes = new LongAdder();
    final LongAdder registrationCommits = new LongAdder();
    /** Conditional agent updates that matched no row: the harness's own consistency check, must stay 0. */
    final LongAdder mismatches = new LongAdder();
    /** Flushes that started a whole interval late: the store did not keep up with the offered load. */
    final LongAdder lateFlushes = new LongAdder();
    final Latency flush = new Latency();
    /** From the heartbeat that found a process to the commit of its row: what a reportProcesses reply waits for. */
    final Latency registration = new Latency();
    final Latency purge = new Latency();
    final Latency maintenance = new Latency();

    SoakMetrics() {
        for (RowKind kind : RowKind.values()) {
            rows.put(kind, new LongAdder());
        }
    }

    void wrote(RowKind kind, long count) {
        rows.get(kind).add(count);
    }

    long rows(RowKind kind) {
        return rows.get(kind).sum();
    }

    long rowsWritten() {
        return rows.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The kinds of row a soak writes, in the order of its rate columns. */
    enum RowKind { AGENT_UPDATE, PROCESS_INSERT, PROCESS_UPDATE, PROCESS_DELETE }

    /** A recorder for the current sampling window and the histogram of the whole measured run, in microseconds. */
    static final class Latency {
        private final Recorder window = new Recorder(3);
        final Histogram total = new Histogram(3);

        void record(long startNanos) {
            window.recordValue(Math.max(0, (System.nanoTime() - startNanos) / 1_000));
        }

        /** The window since the last call, also added to the run's total. */
        Histogram takeWindow() {
            Histogram interval = window.getIntervalHistogram();
            synchronized (total) {
                total.add(interval);
            }
            return interval;
        }
    }
}

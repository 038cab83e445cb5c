package io.groundstation.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What /metrics shows of one write-behind buffer, all labelled {@code buffer}: items waiting, items written,
 * items dropped because the buffer was full, and how long each flush took.
 */
public final class WriteBehindMeters {

    /** The keep-alives the registry coalesces before writing them. */
    public static final String PINGS = "pings";
    /** The continuous-profiling metric points buffered before they are stored. */
    public static final String METER_POINTS = "meter_points";

    private final Counter flushed;
    private final Timer flushDuration;

    public WriteBehindMeters(MeterRegistry registry, String buffer, Supplier<Number> pending) {
        Gauge.builder("groundstation_buffer_pending", pending).strongReference(true)
                .description("Items waiting in a write-behind buffer.").tag("buffer", buffer).register(registry);
        flushed = Counter.builder("groundstation_buffer_flushed").tag("buffer", buffer)
                .description("Items written from a write-behind buffer.").register(registry);
        flushDuration = Metrics.latency("groundstation_buffer_flush_duration").tag("buffer", buffer)
                .description("Time one flush of a write-behind buffer took, failed ones included.")
                .register(registry);
        dropped(registry, buffer);
    }

    /** The counter of items a full buffer refused; whoever refuses them counts them here. */
    public static Counter dropped(MeterRegistry registry, String buffer) {
        return Counter.builder("groundstation_buffer_dropped").tag("buffer", buffer)
                .description("Items a full write-behind buffer refused; they are lost.").register(registry);
    }

    /** Runs one flush, which returns how many items it wrote, timing it and counting them. */
    public int flush(IntSupplier flush) {
        long started = System.nanoTime();
        try {
            int written = flush.getAsInt();
            flushed.increment(written);
            return written;
        } finally {
            flushDuration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }
}

package io.groundstation.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The server's meters: Micrometer over the Prometheus client, which owns naming, concurrency and both exposition
 * formats. Components register their meters on {@link #registry()} with Micrometer's builders; this class adds
 * the JVM and process meters and renders a scrape in the format the scraper asks for.
 */
public final class Metrics implements AutoCloseable {

    /** From 100 µs to 10 s: covers an in-memory reply and a stalled database. */
    private static final Duration[] LATENCY_BUCKETS = {micros(100), micros(250), micros(500), millis(1),
            micros(2500), millis(5), millis(10), millis(25), millis(50), millis(100), millis(250), millis(500),
            millis(1000), millis(2500), millis(5000), millis(10_000)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A latency timer with the server's fixed buckets, so every latency histogram can be compared and summed. */
    public static Timer.Builder latency(String name) {
        return Timer.builder(name).serviceLevelObjectives(LATENCY_BUCKETS);
    }

    /** One scrape, in the format {@code accept} prefers: OpenMetrics when asked for, else the classic text. */
    public Exposition scrape(String accept) {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        try {
            registry.scrape(out, writer.getContentType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Exposition(writer.getContentType(), out.toByteArray());
    }

    public record Exposition(String contentType, byte[] body) {
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private static Duration micros(long micros) {
        return Duration.ofNanos(micros * 1000);
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }
}

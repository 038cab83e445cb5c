package io.groundstation.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Observations counted into fixed cumulative buckets, per combination of label values. */
public final class Histogram implements Metrics.Family {

    /** Seconds, from 100 µs to 10 s: covers an in-memory reply and a stalled database. */
    public static final double[] LATENCY_SECONDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
            0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final double[] bounds;
    private final Map<List<String>, Buckets> children = Metrics.newChildren();

    Histogram(String name, String help, List<String> labelNames, double[] bounds) {
        this.name = name;
        this.help = help;
        this.labelNames = labelNames;
        this.bounds = bounds.clone();
    }

    public void observe(double value, String... labelValues) {
        Metrics.child(children, labelNames, labelValues, () -> new Buckets(bounds.length)).observe(bounds, value);
    }

    public long count(String... labelValues) {
        Buckets buckets = children.get(List.of(labelValues));
        return buckets == null ? 0 : buckets.count.sum();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String help() {
        return help;
    }

    @Override
    public String type() {
        return "histogram";
    }

    @Override
    public void render(StringBuilder out) {
        children.forEach((values, buckets) -> {
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += buckets.counts[i].sum();
                out.append(name).append("_bucket")
                        .append(Metrics.labels(labelNames, values, "le", Double.toString(bounds[i])))
                        .append(' ').append(cumulative).append('\n');
            }
            out.append(name).append("_bucket").append(Metrics.labels(labelNames, values, "le", "+Inf"))
                    .append(' ').append(buckets.count.sum()).append('\n');
            out.append(name).append("_sum").append(Metrics.labels(labelNames, values, null, null))
                    .append(' ').append(buckets.sum.sum()).append('\n');
            out.append(name).append("_count").append(Metrics.labels(labelNames, values, null, null))
                    .append(' ').append(buckets.count.sum()).append('\n');
        });
    }

    private static final class Buckets {
        final LongAdder[] counts;
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();

        Buckets(int size) {
            counts = new LongAdder[size];
            for (int i = 0; i < size; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double[] bounds, double value) {
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    counts[i].increment();
                    break;
                }
            }
            count.increment();
            sum.add(value);
        }
    }
}

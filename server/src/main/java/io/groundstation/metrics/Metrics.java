package io.groundstation.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/**
 * The server's metrics, rendered in the Prometheus text format. Deliberately tiny: counters, gauges and
 * fixed-bucket histograms keyed by label values are all /metrics needs, and a client library would bring
 * dependencies for exposition formats we do not serve.
 */
public final class Metrics {

    private final List<Family> families = new CopyOnWriteArrayList<>();

    public Counter counter(String name, String help, String... labelNames) {
        Counter counter = new Counter(name, help, List.of(labelNames));
        families.add(counter);
        return counter;
    }

    public Histogram histogram(String name, String help, double[] bucketBounds, String... labelNames) {
        Histogram histogram = new Histogram(name, help, List.of(labelNames), bucketBounds);
        families.add(histogram);
        return histogram;
    }

    public void gauge(String name, String help, DoubleSupplier value) {
        families.add(new Gauge(name, help, value));
    }

    public String render() {
        StringBuilder out = new StringBuilder(4096);
        for (Family family : families) {
            out.append("# HELP ").append(family.name()).append(' ').append(family.help()).append('\n');
            out.append("# TYPE ").append(family.name()).append(' ').append(family.type()).append('\n');
            family.render(out);
        }
        return out.toString();
    }

    interface Family {
        String name();

        String help();

        String type();

        void render(StringBuilder out);
    }

    static String labels(List<String> names, List<String> values, String extraName, String extraValue) {
        if (names.isEmpty() && extraName == null) {
            return "";
        }
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(names.get(i)).append("=\"").append(escape(values.get(i))).append('"');
        }
        if (extraName != null) {
            if (!names.isEmpty()) {
                text.append(',');
            }
            text.append(extraName).append("=\"").append(extraValue).append('"');
        }
        return text.append('}').toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static <V> V child(Map<List<String>, V> children, List<String> labelNames, String[] labelValues,
                       java.util.function.Supplier<V> create) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException("expected labels " + labelNames);
        }
        return children.computeIfAbsent(List.of(labelValues), k -> create.get());
    }

    record Gauge(String name, String help, DoubleSupplier value) implements Family {
        @Override
        public String type() {
            return "gauge";
        }

        /** A gauge whose source fails (the database is away) shows NaN instead of failing the whole scrape. */
        @Override
        public void render(StringBuilder out) {
            double current;
            try {
                current = value.getAsDouble();
            } catch (RuntimeException e) {
                current = Double.NaN;
            }
            out.append(name).append(' ').append(current).append('\n');
        }
    }

    static <V> Map<List<String>, V> newChildren() {
        return new ConcurrentHashMap<>();
    }
}

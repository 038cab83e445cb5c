package io.groundstation.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count per combination of label values. */
public final class Counter implements Metrics.Family {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, LongAdder> children = Metrics.newChildren();

    Counter(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = labelNames;
    }

    public void inc(String... labelValues) {
        add(1, labelValues);
    }

    public void add(long amount, String... labelValues) {
        Metrics.child(children, labelNames, labelValues, LongAdder::new).add(amount);
    }

    public long value(String... labelValues) {
        LongAdder adder = children.get(List.of(labelValues));
        return adder == null ? 0 : adder.sum();
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
        return "counter";
    }

    @Override
    public void render(StringBuilder out) {
        children.forEach((values, adder) -> out.append(name)
                .append(Metrics.labels(labelNames, values, null, null)).append(' ').append(adder.sum()).append('\n'));
    }
}

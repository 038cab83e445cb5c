package io.groundstation.meter;

import java.util.List;
import java.util.Map;

/**
 * One meter as an agent sent it: its header as declared on the element (possibly empty, see {@link MeterHeader}),
 * its name, labels, and its single value or its histogram buckets. Elements with no metric still count for the
 * header chain, so they are kept as elements with neither.
 */
public record ReportedMeter(MeterHeader header, String name, Map<String, String> labels, double value,
                            boolean singleValue, List<Bucket> buckets) {

    /** One histogram bucket: its lower bound (or negative infinity) and the count in it. */
    public record Bucket(double lowerBound, boolean negativeInfinity, long count) {
    }

    public ReportedMeter {
        buckets = List.copyOf(buckets);
    }

    public static ReportedMeter single(MeterHeader header, String name, Map<String, String> labels, double value) {
        return new ReportedMeter(header, name, labels, value, true, List.of());
    }

    public static ReportedMeter histogram(MeterHeader header, String name, Map<String, String> labels,
                                          List<Bucket> buckets) {
        return new ReportedMeter(header, name, labels, Double.NaN, false, buckets);
    }

    public static ReportedMeter other(MeterHeader header, String name) {
        return new ReportedMeter(header, name, Map.of(), Double.NaN, false, List.of());
    }

    public boolean histogram() {
        return !singleValue && !buckets.isEmpty();
    }
}

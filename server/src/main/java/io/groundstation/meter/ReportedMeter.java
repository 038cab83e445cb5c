package io.groundstation.meter;

import java.util.Map;

/**
 * One meter as an agent sent it: its header as declared on the element (possibly empty, see {@link MeterHeader}),
 * its name, labels and single value. Histograms (and elements with no metric) are never stored but still count
 * for the header chain, so they are kept as elements without a single value.
 */
public record ReportedMeter(MeterHeader header, String name, Map<String, String> labels, double value,
                            boolean singleValue) {

    public static ReportedMeter single(MeterHeader header, String name, Map<String, String> labels, double value) {
        return new ReportedMeter(header, name, labels, value, true);
    }

    public static ReportedMeter other(MeterHeader header, String name) {
        return new ReportedMeter(header, name, Map.of(), Double.NaN, false);
    }
}

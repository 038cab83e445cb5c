package io.groundstation.meter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The meters of one input set read in the order sent, each with its header (protocol.md §7): its own fields over
 * those of the meter before. Every meter continues the chain, even one that is not wanted or is invalid: later ones
 * may inherit its header.
 */
public final class InputSet {

    /** The elements read from one input set, and how many of its meters were not wanted or could not be read. */
    public record Read<T>(List<T> elements, int ignored, int invalid) {
    }

    private InputSet() {
    }

    /**
     * Reads each wanted meter with {@code reader}, which answers the meter's element, or null when the meter is
     * invalid; the others count as ignored.
     */
    public static <T> Read<T> read(List<ReportedMeter> meters, Predicate<ReportedMeter> wanted,
                                   BiFunction<ReportedMeter, MeterHeader, T> reader) {
        List<T> elements = new ArrayList<>(meters.size());
        int ignored = 0;
        int invalid = 0;
        MeterHeader header = MeterHeader.NONE;
        for (ReportedMeter meter : meters) {
            header = meter.header().over(header);
            if (!wanted.test(meter)) {
                ignored++;
                continue;
            }
            T element = reader.apply(meter, header);
            if (element == null) {
                invalid++;
                continue;
            }
            elements.add(element);
        }
        return new Read<>(elements, ignored, invalid);
    }
}

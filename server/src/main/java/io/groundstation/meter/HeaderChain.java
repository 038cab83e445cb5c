package io.groundstation.meter;

import java.util.ArrayList;
import java.util.List;

/**
 * The header each element of one input set has (protocol.md §7): its own fields over those of the element before.
 * Every element continues the chain, even one an intake then drops: later ones may inherit its header.
 */
public final class HeaderChain {

    /** One element of the input set and the header it has. */
    public record Element(ReportedMeter meter, MeterHeader header) {
    }

    private HeaderChain() {
    }

    public static List<Element> of(List<ReportedMeter> inputSet) {
        List<Element> elements = new ArrayList<>(inputSet.size());
        MeterHeader header = MeterHeader.NONE;
        for (ReportedMeter meter : inputSet) {
            header = meter.header().over(header);
            elements.add(new Element(meter, header));
        }
        return elements;
    }
}

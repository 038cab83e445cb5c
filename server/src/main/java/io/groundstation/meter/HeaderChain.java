package io.groundstation.meter;

/**
 * The header each element of one input set has (protocol.md §7): its own fields over those of the element before.
 * Every element continues the chain, even one an intake then drops: later ones may inherit its header. One chain
 * per input set, asked for each element in order.
 */
public final class HeaderChain {

    private MeterHeader current = MeterHeader.NONE;

    /** The header of {@code meter}, the input set's next element. */
    public MeterHeader next(ReportedMeter meter) {
        current = meter.header().over(current);
        return current;
    }
}

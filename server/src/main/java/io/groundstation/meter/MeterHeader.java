package io.groundstation.meter;

/**
 * Service, instance and timestamp (epoch ms) of a reported meter. The protocol lets only the first element of an
 * input set carry them: an empty name or a zero timestamp means "as the element before".
 */
public record MeterHeader(String service, String instance, long timestamp) {

    public static final MeterHeader NONE = new MeterHeader("", "", 0);

    /** This element's own fields where set, the inherited ones elsewhere. */
    public MeterHeader over(MeterHeader inherited) {
        return new MeterHeader(service.isEmpty() ? inherited.service : service,
                instance.isEmpty() ? inherited.instance : instance,
                timestamp == 0 ? inherited.timestamp : timestamp);
    }

    public boolean complete() {
        return !service.isEmpty() && !instance.isEmpty() && timestamp != 0;
    }
}

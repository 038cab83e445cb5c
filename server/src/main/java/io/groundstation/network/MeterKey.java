package io.groundstation.network;

import java.util.Comparator;

/** Where a network meter value is summed: task, link, time slice (epoch ms), meter name and HTTP status code. */
public record MeterKey(String taskId, Link link, long sliceStart, String meter, String code) {

    /** A total order, the same on every node: writers take row locks in it. */
    public static final Comparator<MeterKey> ORDER = Comparator.comparing(MeterKey::taskId)
            .thenComparing(MeterKey::link, Link.ORDER)
            .thenComparingLong(MeterKey::sliceStart)
            .thenComparing(MeterKey::meter)
            .thenComparing(MeterKey::code);
}

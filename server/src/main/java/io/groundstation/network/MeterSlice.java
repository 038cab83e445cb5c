package io.groundstation.network;

import java.util.Comparator;

/**
 * Where a network meter is summed, but for the meter's own last part (an HTTP status code, a histogram bucket): task,
 * link, time slice (epoch ms) and meter name.
 */
public interface MeterSlice {

    String taskId();

    Link link();

    long sliceStart();

    String meter();

    /** A total order, the same on every node (writers take row locks in it): these parts, then {@code last}. */
    static <K extends MeterSlice> Comparator<K> orderThen(Comparator<K> last) {
        return Comparator.<K, String>comparing(MeterSlice::taskId)
                .thenComparing(MeterSlice::link, Link.ORDER)
                .thenComparingLong(MeterSlice::sliceStart)
                .thenComparing(MeterSlice::meter)
                .thenComparing(last);
    }
}

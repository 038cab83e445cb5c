package io.groundstation.network;

import java.util.Comparator;

/** Where a network meter value is summed: task, link, time slice (epoch ms), meter name and HTTP status code. */
public record MeterKey(String taskId, Link link, long sliceStart, String meter, String code) implements MeterSlice {

    public static final Comparator<MeterKey> ORDER = MeterSlice.orderThen(Comparator.comparing(MeterKey::code));
}

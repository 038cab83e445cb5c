package io.groundstation.network;

import java.util.Comparator;

/** Where histogram counts are merged: task, link, time slice, meter name and bucket (its lower bound). */
public record BucketKey(String taskId, Link link, long sliceStart, String meter, double bucket) implements MeterSlice {

    public static final Comparator<BucketKey> ORDER =
            MeterSlice.orderThen(Comparator.comparingDouble(BucketKey::bucket));
}

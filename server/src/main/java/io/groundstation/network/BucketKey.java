package io.groundstation.network;

import java.util.Comparator;

/** Where histogram counts are merged: task, link, time slice, meter name and bucket (its lower bound). */
public record BucketKey(String taskId, Link link, long sliceStart, String meter, double bucket) {

    /** A total order, the same on every node: writers take row locks in it. */
    public static final Comparator<BucketKey> ORDER = Comparator.comparing(BucketKey::taskId)
            .thenComparing(BucketKey::link, Link.ORDER)
            .thenComparingLong(BucketKey::sliceStart)
            .thenComparing(BucketKey::meter)
            .thenComparingDouble(BucketKey::bucket);
}

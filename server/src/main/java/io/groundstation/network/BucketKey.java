package io.groundstation.network;

/** Where histogram counts are merged: task, link, time slice, meter name and bucket (its lower bound). */
public record BucketKey(String taskId, Link link, long sliceStart, String meter, double bucket) {
}

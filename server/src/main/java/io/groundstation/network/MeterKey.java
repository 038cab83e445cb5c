package io.groundstation.network;

/** Where a network meter value is summed: task, link, time slice (epoch ms), meter name and HTTP status code. */
public record MeterKey(String taskId, Link link, long sliceStart, String meter, String code) {
}

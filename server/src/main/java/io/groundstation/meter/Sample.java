package io.groundstation.meter;

/** One value of a series at a time (epoch ms). */
public record Sample(long timestamp, double value) {
}

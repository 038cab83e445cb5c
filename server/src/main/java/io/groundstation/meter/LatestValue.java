package io.groundstation.meter;

/** The newest stored value of one metric (and URI) of a process. */
public record LatestValue(ContinuousMetric metric, String uri, long timestamp, double value) {
}

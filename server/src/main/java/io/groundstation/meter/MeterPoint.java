package io.groundstation.meter;

/**
 * One stored value of a continuous metric. {@code uri} is empty for the metrics that are not per URI. {@code seq}
 * orders values that share process, metric, URI and timestamp (Rover sends up to ~5 one-second HTTP values under
 * one timestamp): it is their position in the report, so none overwrites another.
 */
public record MeterPoint(String processId, ContinuousMetric metric, String uri, long timestamp, int seq,
                         double value) {
}

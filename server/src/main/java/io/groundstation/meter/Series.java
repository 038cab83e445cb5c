package io.groundstation.meter;

import java.util.List;

/** The values of one metric (and URI, for the HTTP metrics) of one process, oldest first. */
public record Series(ContinuousMetric metric, String uri, List<Sample> samples) {
}

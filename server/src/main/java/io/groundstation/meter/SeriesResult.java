package io.groundstation.meter;

import java.util.List;

/** The answer to a {@link SeriesQuery}; {@code truncated} when the range held more points than its limit. */
public record SeriesResult(List<ProcessSeries> processes, boolean truncated) {
}

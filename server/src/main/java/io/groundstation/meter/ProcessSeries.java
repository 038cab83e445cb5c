package io.groundstation.meter;

import java.util.List;

/** Every series of one process in a queried range. */
public record ProcessSeries(String processId, List<Series> series) {
}

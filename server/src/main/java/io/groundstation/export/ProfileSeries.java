package io.groundstation.export;

import java.util.Map;

/** One pushed profile: its labels, in order, and a gzipped pprof; {@code id} names it to the receiver. */
public record ProfileSeries(String id, Map<String, String> labels, byte[] pprof) {

    public ProfileSeries {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }
}

package io.groundstation.meter;

import java.util.Locale;
import java.util.Optional;

/**
 * The metrics Rover's continuous-profiling checkers evaluate, named by what follows the agent's meter prefix.
 * Only the HTTP ones are kept per URI.
 */
public enum ContinuousMetric {
    PROCESS_CPU(false),
    PROCESS_THREAD_COUNT(false),
    SYSTEM_LOAD(false),
    HTTP_ERROR_RATE(true),
    HTTP_AVG_RESPONSE_TIME(true);

    private final boolean perUri;

    ContinuousMetric(boolean perUri) {
        this.perUri = perUri;
    }

    /** The name used in the API and after the prefix on the wire, e.g. {@code process_cpu}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean perUri() {
        return perUri;
    }

    public static Optional<ContinuousMetric> ofKey(String key) {
        for (ContinuousMetric metric : values()) {
            if (metric.key().equals(key)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }
}

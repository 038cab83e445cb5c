package io.groundstation.meter;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The metrics Rover's continuous-profiling checkers evaluate, named by what follows the agent's meter prefix.
 * Only the HTTP ones are kept per URI.
 */
public enum ContinuousMetric {
    PROCESS_CPU("Process CPU"),
    PROCESS_THREAD_COUNT("Threads"),
    SYSTEM_LOAD("System load"),
    HTTP_ERROR_RATE("HTTP error rate"),
    HTTP_AVG_RESPONSE_TIME("HTTP avg response time");

    private static final Set<ContinuousMetric> PER_URI = EnumSet.of(HTTP_ERROR_RATE, HTTP_AVG_RESPONSE_TIME);

    private final String title;

    ContinuousMetric(String title) {
        this.title = title;
    }

    /** What people call it: a chart's title. */
    public String title() {
        return title;
    }

    /** The name used in the API and after the prefix on the wire, e.g. {@code process_cpu}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean perUri() {
        return PER_URI.contains(this);
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

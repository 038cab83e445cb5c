package io.groundstation.policy;

import java.util.Optional;

/**
 * The five conditions an agent can watch: the one vocabulary of checkers, served to the console at
 * {@code GET /api/policy-vocabulary}, each with the {@link ThresholdFormat} the agent reads its threshold in.
 * Declared in the agent's enum order: the number a report gives a cause's checker is its ordinal.
 */
public enum CheckerType {
    PROCESS_CPU(new ThresholdFormat(true, true, "percent of one core", "%"), false),
    PROCESS_THREAD_COUNT(new ThresholdFormat(true, false, "threads", "threads"), false),
    SYSTEM_LOAD(new ThresholdFormat(false, false, "1-minute load average", "load"), false),
    HTTP_ERROR_RATE(new ThresholdFormat(false, true, "percent of responses with status >= 500", "%"), true),
    HTTP_AVG_RESPONSE_TIME(new ThresholdFormat(false, false, "milliseconds", "ms"), true);

    private final ThresholdFormat threshold;
    private final boolean http;

    CheckerType(ThresholdFormat threshold, boolean http) {
        this.threshold = threshold;
        this.http = http;
    }

    /** The checker an agent's report numbers {@code ordinal}, if it is one. */
    public static Optional<CheckerType> ofOrdinal(int ordinal) {
        CheckerType[] all = values();
        return ordinal >= 0 && ordinal < all.length ? Optional.of(all[ordinal]) : Optional.empty();
    }

    public ThresholdFormat threshold() {
        return threshold;
    }

    /** Only HTTP checkers take a URI list or regex. */
    public boolean http() {
        return http;
    }
}

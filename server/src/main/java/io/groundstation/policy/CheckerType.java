package io.groundstation.policy;

/**
 * The five conditions an agent can watch: the one vocabulary of checkers, served to the console at
 * {@code GET /api/policy-vocabulary}. How the agent parses each threshold decides what we accept: integers for
 * process CPU and thread count, decimals for the rest. Percentages are 0–100. Declared in the agent's enum order:
 * the number a report gives a cause's checker is its ordinal.
 */
public enum CheckerType {
    PROCESS_CPU(true, true, false, "percent of one core", "%"),
    PROCESS_THREAD_COUNT(true, false, false, "threads", "threads"),
    SYSTEM_LOAD(false, false, false, "1-minute load average", "load"),
    HTTP_ERROR_RATE(false, true, true, "percent of responses with status >= 500", "%"),
    HTTP_AVG_RESPONSE_TIME(false, false, true, "milliseconds", "ms");

    private final boolean integerThreshold;
    private final boolean percentage;
    private final boolean http;
    private final String unit;
    private final String symbol;

    CheckerType(boolean integerThreshold, boolean percentage, boolean http, String unit, String symbol) {
        this.integerThreshold = integerThreshold;
        this.percentage = percentage;
        this.http = http;
        this.unit = unit;
        this.symbol = symbol;
    }

    /** The checker an agent's report numbers {@code ordinal}, if it is one. */
    public static java.util.Optional<CheckerType> ofOrdinal(int ordinal) {
        CheckerType[] all = values();
        return ordinal >= 0 && ordinal < all.length ? java.util.Optional.of(all[ordinal]) : java.util.Optional.empty();
    }

    public boolean integerThreshold() {
        return integerThreshold;
    }

    public boolean percentage() {
        return percentage;
    }

    /** Only HTTP checkers take a URI list or regex. */
    public boolean http() {
        return http;
    }

    public String unit() {
        return unit;
    }

    /** The unit as written after a threshold ("≥ 80 %"). */
    public String symbol() {
        return symbol;
    }
}

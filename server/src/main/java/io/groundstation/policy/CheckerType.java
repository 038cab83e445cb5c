package io.groundstation.policy;

/**
 * The five conditions an agent can watch. How the agent parses each threshold decides what we accept: integers for
 * process CPU and thread count, decimals for the rest. Percentages are 0–100.
 */
public enum CheckerType {
    PROCESS_CPU(true, true, false, "percent of one core"),
    PROCESS_THREAD_COUNT(true, false, false, "threads"),
    SYSTEM_LOAD(false, false, false, "1-minute load average"),
    HTTP_ERROR_RATE(false, true, true, "percent of responses with status >= 500"),
    HTTP_AVG_RESPONSE_TIME(false, false, true, "milliseconds");

    private final boolean integerThreshold;
    private final boolean percentage;
    private final boolean http;
    private final String unit;

    CheckerType(boolean integerThreshold, boolean percentage, boolean http, String unit) {
        this.integerThreshold = integerThreshold;
        this.percentage = percentage;
        this.http = http;
        this.unit = unit;
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
}

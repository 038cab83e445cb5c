package io.groundstation.policy;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * How one checker's threshold is written. The agent parses thresholds of process CPU and thread count as integers
 * and the rest as decimals, and drops an item whose threshold it cannot parse, so this decides what we accept;
 * percentages are 0–100. {@code unit} and {@code symbol} are for people ("≥ 80 %").
 */
public record ThresholdFormat(boolean integer, boolean percentage, String unit, String symbol) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal LARGEST_INTEGER = BigDecimal.valueOf(Integer.MAX_VALUE);

    /** The threshold as stored and sent (no exponent, no trailing zeros), if {@code value} is one of this format. */
    public Optional<String> canonical(Object value) {
        if (!(value instanceof String) && !(value instanceof Number)) {
            return Optional.empty();
        }
        String text = value.toString().trim();
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        boolean fits = number.signum() > 0 && !text.toLowerCase(Locale.ROOT).contains("e")
                && (!percentage || number.compareTo(HUNDRED) <= 0)
                && (!integer || (text.matches("\\d+") && number.compareTo(LARGEST_INTEGER) <= 0));
        return fits ? Optional.of(number.stripTrailingZeros().toPlainString()) : Optional.empty();
    }

    /** What {@link #canonical} accepts, as an error message says it. */
    public String expectation() {
        if (integer) {
            return "must be an integer" + (percentage ? " in 1..100" : " greater than 0");
        }
        return "must be a decimal number" + (percentage ? " in (0,100]" : " greater than 0");
    }
}

package io.groundstation.config;

import java.util.Locale;

/** Parses sizes such as {@code 4MB}, {@code 512KB} or a plain number of bytes. */
final class ByteSize {

    private ByteSize() {
    }

    static long parse(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (value.endsWith("KB")) {
            unit = 1024;
        } else if (value.endsWith("MB")) {
            unit = 1024 * 1024;
        } else if (value.endsWith("GB")) {
            unit = 1024L * 1024 * 1024;
        }
        String digits = unit == 1 ? value.replaceFirst("B$", "") : value.substring(0, value.length() - 2);
        try {
            long amount = Long.parseLong(digits.trim());
            if (amount <= 0) {
                throw new IllegalArgumentException("must be positive");
            }
            return Math.multiplyExact(amount, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("expected a size such as 4MB, 512KB or 1048576");
        }
    }
}

package io.groundstation.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One configurable value: its key in the configuration file, the environment variable that overrides it, its
 * default and what it means. {@link Settings} declares them all, so {@code --help} and the README stay complete.
 */
public record Setting<T>(String key, String defaultText, String description, Function<String, T> parser,
                         boolean secret) {

    /** How a setting's text is read, and whether its value may be shown. */
    record Kind<T>(Function<String, T> parser, boolean secret) {
        static final Kind<String> TEXT = new Kind<>(String::trim, false);
        /** Never shown: --help says (unset) whatever its value; it has no default. */
        static final Kind<String> SECRET = new Kind<>(String::trim, true);
        static final Kind<Integer> NUMBER = new Kind<>(Setting::parseInt, false);
        static final Kind<Integer> PORT = new Kind<>(Setting::parsePort, false);
        static final Kind<Long> BYTES = new Kind<>(ByteSize::parse, false);
        static final Kind<Duration> DURATION = new Kind<>(DurationText::parse, false);
        static final Kind<Boolean> FLAG = new Kind<>(Setting::parseFlag, false);

        /** One of a fixed set of words, given in lower case. */
        static Kind<String> choice(String... words) {
            List<String> choices = List.of(words);
            return new Kind<>(text -> parseChoice(text, choices), false);
        }
    }

    public String environmentVariable() {
        return "GROUNDSTATION_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static int parseInt(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 0) {
                throw new IllegalArgumentException("must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    static int parsePort(String text) {
        int port = parseInt(text);
        if (port > 65535) {
            throw new IllegalArgumentException("a port is 0..65535 (0 picks a free port)");
        }
        return port;
    }

    static String parseChoice(String text, List<String> choices) {
        String word = text.trim().toLowerCase(Locale.ROOT);
        if (!choices.contains(word)) {
            throw new IllegalArgumentException("one of " + String.join(", ", choices));
        }
        return word;
    }

    static boolean parseFlag(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }
}

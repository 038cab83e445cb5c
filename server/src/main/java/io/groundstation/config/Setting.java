package io.groundstation.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configurable value: its key in the configuration file, the environment variable that overrides it, its
 * default and what it means. {@link Settings} lists them all, so {@code --help} and the README stay complete.
 */
public record Setting<T>(String key, String defaultText, String description, Function<String, T> parser,
                         boolean secret) {

    public String environmentVariable() {
        return "GROUNDSTATION_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static Setting<String> text(String key, String defaultText, String description) {
        return new Setting<>(key, defaultText, description, String::trim, false);
    }

    static Setting<String> secret(String key, String description) {
        return new Setting<>(key, "", description, String::trim, true);
    }

    static Setting<Integer> integer(String key, int defaultValue, String description) {
        return new Setting<>(key, Integer.toString(defaultValue), description, Setting::parseInt, false);
    }

    static Setting<Integer> port(String key, int defaultValue, String description) {
        return new Setting<>(key, Integer.toString(defaultValue), description, Setting::parsePort, false);
    }

    static Setting<Long> bytes(String key, String defaultText, String description) {
        return new Setting<>(key, defaultText, description, ByteSize::parse, false);
    }

    static Setting<java.time.Duration> duration(String key, String defaultText, String description) {
        return new Setting<>(key, defaultText, description, DurationText::parse, false);
    }

    /** One of a fixed set of words, given in lower case. */
    static Setting<String> choice(String key, String defaultText, java.util.List<String> choices, String description) {
        return new Setting<>(key, defaultText, description, text -> {
            String word = text.trim().toLowerCase(Locale.ROOT);
            if (!choices.contains(word)) {
                throw new IllegalArgumentException("one of " + String.join(", ", choices));
            }
            return word;
        }, false);
    }

    static Setting<Boolean> flag(String key, boolean defaultValue, String description) {
        return new Setting<>(key, Boolean.toString(defaultValue), description, Setting::parseFlag, false);
    }

    private static int parseInt(String text) {
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

    private static int parsePort(String text) {
        int port = parseInt(text);
        if (port > 65535) {
            throw new IllegalArgumentException("a port is 0..65535 (0 picks a free port)");
        }
        return port;
    }

    private static boolean parseFlag(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }
}

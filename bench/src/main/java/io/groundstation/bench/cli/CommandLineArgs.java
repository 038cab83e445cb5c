package io.groundstation.bench.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code --name value}, {@code --name=value} and bare {@code --flag} options. Every getter marks its option as known,
 * so {@link #rejectUnknown()} after reading them all catches typos instead of silently running with defaults.
 */
public final class CommandLineArgs {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> known = new HashSet<>();

    private CommandLineArgs() {
    }

    /** @param flags the options that take no value */
    public static CommandLineArgs parse(String[] args, Set<String> flags) {
        CommandLineArgs parsed = new CommandLineArgs();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (flags.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (parsed.values.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        return parsed;
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(string(name, "false"));
    }

    public String string(String name, String fallback) {
        known.add(name);
        return values.getOrDefault(name, fallback);
    }

    public long integer(String name, long fallback, long min, long max) {
        return number(name, fallback, min, max, Long::valueOf, "an integer");
    }

    public double decimal(String name, double fallback, double min, double max) {
        return number(name, fallback, min, max, Double::valueOf, "a number");
    }

    public void rejectUnknown() {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
    }

    /** A given value must parse and lie within [min, max]; the fallback is the caller's and not checked. */
    private <T extends Comparable<T>> T number(String name, T fallback, T min, T max, Function<String, T> parse,
                                               String what) {
        String text = string(name, null);
        if (text == null) {
            return fallback;
        }
        T value;
        try {
            value = parse.apply(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be " + what + ", got " + text);
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("--" + name + " must be within [" + min + ", " + max + "], got " + value);
        }
        return value;
    }
}

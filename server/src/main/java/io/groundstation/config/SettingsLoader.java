package io.groundstation.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Resolves every {@link Setting} from arguments, environment, file and defaults, and reports every bad value. */
public final class SettingsLoader {

    private SettingsLoader() {
    }

    public static Settings load(String[] args, Map<String, String> environment) {
        Map<String, String> arguments = parseArguments(args);
        String configFile = firstPresent(Settings.CONFIG_FILE, arguments, environment, Map.of());
        Map<String, String> file = readFile(configFile, arguments.containsKey(Settings.CONFIG_FILE.key())
                || environment.containsKey(Settings.CONFIG_FILE.environmentVariable()));

        Map<String, Object> values = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            String text = firstPresent(setting, arguments, environment, file);
            try {
                values.put(setting.key(), setting.parser().apply(text));
            } catch (IllegalArgumentException e) {
                problems.add(setting.key() + " (" + setting.environmentVariable() + "): " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return new Settings(values);
    }

    private static String firstPresent(Setting<?> setting, Map<String, String> arguments,
                                       Map<String, String> environment, Map<String, String> file) {
        if (arguments.containsKey(setting.key())) {
            return arguments.get(setting.key());
        }
        String fromEnvironment = environment.get(setting.environmentVariable());
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        return file.getOrDefault(setting.key(), setting.defaultText());
    }

    private static Map<String, String> parseArguments(String[] args) {
        Map<String, String> arguments = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new ConfigurationException("Unknown argument '" + arg + "'; use --key=value (see --help)");
            }
            String key = arg.substring(2, arg.indexOf('='));
            if (Settings.ALL.stream().noneMatch(s -> s.key().equals(key))) {
                throw new ConfigurationException("Unknown setting '" + key + "' (see --help)");
            }
            arguments.put(key, arg.substring(arg.indexOf('=') + 1));
        }
        return arguments;
    }

    private static Map<String, String> readFile(String name, boolean mustExist) {
        Path path = Path.of(name);
        if (!Files.exists(path)) {
            if (mustExist) {
                throw new ConfigurationException("Configuration file " + path.toAbsolutePath() + " does not exist");
            }
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read configuration file " + path + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (Settings.ALL.stream().noneMatch(s -> s.key().equals(key))) {
                throw new ConfigurationException("Unknown setting '" + key + "' in " + path);
            }
            values.put(key, properties.getProperty(key));
        }
        return values;
    }

    public static String help() {
        StringBuilder text = new StringBuilder("""
                Groundstation: a backend for eBPF profiling agents (SkyWalking Rover).

                Usage: java -jar groundstation.jar [--key=value ...]

                Every setting can be given as --key=value, as the environment variable shown, or in the
                configuration file (Java properties). Precedence: argument, environment, file, default.

                """);
        for (Setting<?> setting : Settings.ALL) {
            text.append(String.format("  %-32s %s%n", setting.key(), setting.environmentVariable()));
            text.append(String.format("      %s%n", setting.description()));
            String shown = setting.secret() ? "(unset)" : setting.defaultText().isEmpty() ? "(empty)"
                    : setting.defaultText();
            text.append(String.format("      default: %s%n", shown));
        }
        return text.toString();
    }
}

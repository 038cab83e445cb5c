package io.groundstation.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code settings.properties}: each {@code key=default} line, described by the comment lines just above it.
 * {@link java.util.Properties} drops comments, and the descriptions are what {@code --help} prints, so the file is
 * read here; it keeps to the part of the properties format both readers take the same way.
 */
final class SettingsCatalogue {

    static final String RESOURCE = "settings.properties";
    private static final Pattern PLAIN_KEY = Pattern.compile("[^\\s:=#!]+");

    record Entry(String defaultText, String description) {
    }

    private SettingsCatalogue() {
    }

    static Map<String, Entry> load() {
        try (InputStream in = SettingsCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keys in file order. A comment block followed by a blank line (the file's header) describes nothing. */
    static Map<String, Entry> read(List<String> lines) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> comment = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = RESOURCE + " line " + (i + 1) + ": ";
            if (line.isBlank()) {
                comment.clear();
            } else if (line.startsWith("#")) {
                comment.add(line.substring(1).strip());
            } else {
                int equals = line.indexOf('=');
                String key = equals < 0 ? "" : line.substring(0, equals);
                // Properties ends a key at whitespace or ':' and skips blanks before a value: none may be here
                if (!PLAIN_KEY.matcher(key).matches() || line.substring(equals + 1).matches("\\s.*")
                        || line.contains("\\")) {
                    throw new IllegalStateException(where + "not key=value (values are literal, no escapes)");
                }
                if (comment.isEmpty()) {
                    throw new IllegalStateException(where + "no description above " + key);
                }
                if (entries.put(key, new Entry(line.substring(equals + 1), String.join(" ", comment))) != null) {
                    throw new IllegalStateException(where + key + " is listed twice");
                }
                comment.clear();
            }
        }
        return entries;
    }
}

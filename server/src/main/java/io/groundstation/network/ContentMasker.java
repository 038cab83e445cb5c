package io.groundstation.network;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masks secrets in captured HTTP content (headers and body as sent on the wire, possibly cut anywhere) before it is
 * stored, replacing each value by {@value #MASK} wherever it is, since a cut can start mid-message:
 * <ul>
 * <li>every line shaped {@code Name: value} whose name is a secret header, up to the line's end (a cut can end
 * mid-value);</li>
 * <li>every JSON member {@code "name": value} whose name is a secret field and whose value is a string (up to its
 * closing quote or the cut) or a number or boolean (which becomes the string {@code "******"}, so the JSON stays
 * JSON);</li>
 * <li>every form field or query parameter {@code name=value} (after the start, whitespace, {@code ?} or {@code &})
 * whose name is a secret field, up to the next {@code &}, whitespace or quote.</li>
 * </ul>
 * A name is secret when it is listed (any case) or matches the pattern (whole name, any case).
 */
public final class ContentMasker {

    public static final String MASK = "******";

    private static final Pattern HEADER_LINE = Pattern.compile("(?m)^(?<name>[!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \\t]*:"
            + "[ \\t]*(?<value>[^\\r\\n]*)");
    private static final Pattern JSON_MEMBER = Pattern.compile("\"(?<name>(?:[^\"\\\\\\r\\n]|\\\\.){1,256}+)\""
            + "\\s*+:\\s*+(?:\"(?<value>(?:[^\"\\\\]|\\\\.)*+)|(?<bare>-?[0-9][0-9.eE+-]*+|true|false))");
    private static final Pattern FORM_FIELD = Pattern.compile("(?<![^\\s?&])(?<name>[A-Za-z0-9_.\\[\\]%-]{1,256}+)="
            + "(?<value>[^&\\s\"]++)");

    /** Names compared case-insensitively; a pattern (whole name, case-insensitive), null for none. */
    private record Names(Set<String> listed, Pattern pattern) {

        static Names of(Set<String> listed, String pattern) {
            return new Names(listed.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).filter(n -> !n.isEmpty())
                    .collect(Collectors.toUnmodifiableSet()),
                    pattern == null || pattern.isEmpty() ? null : Pattern.compile(pattern, Pattern.CASE_INSENSITIVE));
        }

        boolean none() {
            return listed.isEmpty() && pattern == null;
        }

        boolean secret(String name) {
            return listed.contains(name.toLowerCase(Locale.ROOT))
                    || (pattern != null && pattern.matcher(name).matches());
        }
    }

    /** Where values are found, and which of their names are secret. */
    private record Rule(Pattern where, Names names) {
    }

    private final List<Rule> rules;

    /**
     * Secret header names listed and matching {@code headerPattern}; secret JSON and form field names listed and
     * matching {@code fieldPattern}. A pattern null or empty matches nothing.
     */
    public ContentMasker(Set<String> headers, String headerPattern, Set<String> fields, String fieldPattern) {
        Names headerNames = Names.of(headers, headerPattern);
        Names fieldNames = Names.of(fields, fieldPattern);
        this.rules = List.of(new Rule(HEADER_LINE, headerNames), new Rule(JSON_MEMBER, fieldNames),
                new Rule(FORM_FIELD, fieldNames)).stream().filter(r -> !r.names().none()).toList();
    }

    public static ContentMasker disabled() {
        return new ContentMasker(Set.of(), null, Set.of(), null);
    }

    public String mask(String content) {
        String masked = content;
        for (Rule rule : rules) {
            masked = mask(masked, rule);
        }
        return masked;
    }

    private static String mask(String content, Rule rule) {
        Matcher found = rule.where().matcher(content);
        StringBuilder out = null;
        int copied = 0;
        while (found.find()) {
            if (!rule.names().secret(found.group("name"))) {
                continue;
            }
            // A bare JSON number or boolean becomes a string; anything else is masked between its delimiters.
            boolean bare = rule.where() == JSON_MEMBER && found.group("bare") != null;
            String group = bare ? "bare" : "value";
            if (found.start(group) == found.end(group) || MASK.equals(found.group(group))) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(content.length());
            }
            out.append(content, copied, found.start(group)).append(bare ? '"' + MASK + '"' : MASK);
            copied = found.end(group);
        }
        return out == null ? content : out.append(content, copied, content.length()).toString();
    }
}

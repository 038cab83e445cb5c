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

    /**
     * Where values are found, which of their names are secret, and where a match can start. Letting the regex
     * engine try every position of a 64 KB body was 11 % of the server's CPU at 10 000 agents (JFR, BENCHMARKS.md);
     * a plain scan for the few positions a match can start at, then one anchored attempt at each, finds the same
     * matches.
     */
    private record Rule(Pattern where, Names names, MatchStart start) {
    }

    /** The first position at or after {@code from} where the rule's pattern can begin to match, or -1. */
    @FunctionalInterface
    private interface MatchStart {
        int next(String content, int from);
    }

    /** {@code (?m)^}: the start, or after a line terminator. */
    private static final Preceding LINE_START = new Preceding("\n\r\u0085\u2028\u2029");
    /** {@code (?<![^\s?&])}: the start, or after whitespace, {@code ?} or {@code &}. */
    private static final Preceding FIELD_START = new Preceding(" \t\n\u000B\f\r?&");

    /** The opening quote of a member name. */
    private static int quote(String content, int from) {
        return content.indexOf('"', from);
    }

    /** Positions at the start or right after one of a few characters, found with a table (a body is mostly ASCII). */
    private static final class Preceding implements MatchStart {
        private final boolean[] ascii = new boolean[128];
        private final String others;

        Preceding(String characters) {
            StringBuilder others = new StringBuilder();
            for (char c : characters.toCharArray()) {
                if (c < 128) {
                    ascii[c] = true;
                } else {
                    others.append(c);
                }
            }
            this.others = others.toString();
        }

        @Override
        public int next(String content, int from) {
            if (from == 0) {
                return 0;
            }
            for (int i = from; i < content.length(); i++) {
                char c = content.charAt(i - 1);
                if (c < 128 ? ascii[c] : others.indexOf(c) >= 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final List<Rule> rules;

    /**
     * Secret header names listed and matching {@code headerPattern}; secret JSON and form field names listed and
     * matching {@code fieldPattern}. A pattern null or empty matches nothing.
     */
    public ContentMasker(Set<String> headers, String headerPattern, Set<String> fields, String fieldPattern) {
        Names headerNames = Names.of(headers, headerPattern);
        Names fieldNames = Names.of(fields, fieldPattern);
        this.rules = List.of(new Rule(HEADER_LINE, headerNames, LINE_START),
                new Rule(JSON_MEMBER, fieldNames, ContentMasker::quote),
                new Rule(FORM_FIELD, fieldNames, FIELD_START)).stream().filter(r -> !r.names().none()).toList();
    }

    private ContentMasker(List<Rule> rules) {
        this.rules = rules;
    }

    /** The same masker letting the regex engine try every position, as {@link Matcher#find()} does: the tests' oracle. */
    ContentMasker tryingEveryPosition() {
        return new ContentMasker(rules.stream().map(r -> new Rule(r.where(), r.names(), (content, from) -> from))
                .toList());
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

    /** Moves {@code found} to the first match at or after {@code from}, as {@link Matcher#find()} would. */
    private static boolean find(Matcher found, MatchStart start, String content, int from) {
        for (int at = start.next(content, from); at >= 0 && at < content.length(); at = start.next(content, at + 1)) {
            found.region(at, content.length());
            if (found.lookingAt()) {
                return true;
            }
        }
        return false;
    }

    private static String mask(String content, Rule rule) {
        // Transparent, unanchored bounds: the line-start and look-behind checks see the text before each attempt.
        Matcher found = rule.where().matcher(content).useTransparentBounds(true).useAnchoringBounds(false);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (find(found, rule.start(), content, from)) {
            from = found.end();
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

package io.groundstation.network;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the values of secret-bearing headers in captured HTTP content (headers and body as sent on the wire,
 * possibly cut anywhere) before it is stored: every line shaped {@code Name: value} whose name is listed or matches
 * the name pattern has its value replaced by {@value #MASK}, wherever the line is (a cut can start mid-message)
 * and up to the line's end (a cut can end mid-value).
 */
public final class ContentMasker {

    public static final String MASK = "******";

    private static final Pattern HEADER_LINE = Pattern.compile("(?m)^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \\t]*:[ \\t]*"
            + "([^\\r\\n]*)");

    private final Set<String> names;
    private final Pattern namePattern;

    /** {@code names} compared case-insensitively; {@code namePattern} null or empty for none. */
    public ContentMasker(Set<String> names, String namePattern) {
        this.names = names.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).filter(n -> !n.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.namePattern = namePattern == null || namePattern.isEmpty() ? null
                : Pattern.compile(namePattern, Pattern.CASE_INSENSITIVE);
    }

    public static ContentMasker disabled() {
        return new ContentMasker(Set.of(), null);
    }

    public String mask(String content) {
        if (names.isEmpty() && namePattern == null) {
            return content;
        }
        Matcher line = HEADER_LINE.matcher(content);
        StringBuilder out = null;
        int copied = 0;
        while (line.find()) {
            if (!secret(line.group(1)) || line.group(2).isEmpty()) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(content.length());
            }
            out.append(content, copied, line.start(2)).append(MASK);
            copied = line.end(2);
        }
        return out == null ? content : out.append(content, copied, content.length()).toString();
    }

    private boolean secret(String name) {
        return names.contains(name.toLowerCase(Locale.ROOT))
                || (namePattern != null && namePattern.matcher(name).matches());
    }
}

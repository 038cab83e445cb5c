package io.groundstation.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from process properties before anything stores or logs them: command lines carry passwords
 * and tokens as flags and environment assignments. Each rule is a regex whose first capture group is the
 * secret; that group is replaced by {@value #MASK}.
 */
public final class PropertyRedactor {

    public static final String MASK = "******";

    private static final String SECRET_WORD = "(?:password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key"
            + "|private[-_]?key|credentials?|auth)";

    /** {@code --password=x}, {@code -token x}, {@code --db.password x}, {@code --api-key=x}. */
    private static final String FLAG_RULE = "(?i)(?<![\\w])--?[\\w.-]*" + SECRET_WORD + "[\\w.-]*(?:=|\\s+)"
            + "(\"[^\"]*\"|'[^']*'|[^\\s\"']+)";
    /** {@code DB_PASSWORD=x}, {@code AWS_SECRET_ACCESS_KEY=x}, {@code GITHUB_TOKEN=x}. */
    private static final String ENV_RULE = "(?<![\\w-])[A-Za-z0-9_]*(?i:" + SECRET_WORD + ")[A-Za-z0-9_]*="
            + "(\"[^\"]*\"|'[^']*'|\\S+)";
    /** Credentials in URLs: {@code postgres://user:secret@host}. */
    private static final String URL_RULE = "://[^/\\s:@]+:([^@\\s/]+)@";

    public static final List<String> DEFAULT_RULES = List.of(FLAG_RULE, ENV_RULE, URL_RULE);

    /**
     * A default rule can only match text holding one of these (any case): each word of {@link #SECRET_WORD} contains
     * one, and the URL rule needs "://". Most command lines hold none, and the three regular expressions over every
     * reported command line were 10 % of the server's CPU at 10 000 agents (JFR, BENCHMARKS.md).
     */
    private static final List<String> DEFAULT_RULE_HINTS =
            List.of("pass", "pwd", "secret", "token", "key", "credential", "auth", "://");

    private final Set<String> keys;
    private final List<Pattern> defaultRules;
    private final List<Pattern> extraRules;

    public PropertyRedactor(Set<String> keys, List<String> rules) {
        this.keys = Set.copyOf(keys);
        this.defaultRules = rules.stream().filter(DEFAULT_RULES::contains).map(PropertyRedactor::compile).toList();
        this.extraRules = rules.stream().filter(rule -> !DEFAULT_RULES.contains(rule))
                .map(PropertyRedactor::compile).toList();
    }

    public static PropertyRedactor disabled() {
        return new PropertyRedactor(Set.of(), List.of());
    }

    public Map<String, String> redact(Map<String, String> properties) {
        if (keys.isEmpty()) {
            return properties;
        }
        Map<String, String> redacted = new HashMap<>(properties);
        for (String key : keys) {
            String value = redacted.get(key);
            if (value != null) {
                redacted.put(key, redact(value));
            }
        }
        return redacted;
    }

    public String redact(String value) {
        String text = value;
        if (!defaultRules.isEmpty() && mayHoldSecret(value)) {
            for (Pattern rule : defaultRules) {
                text = maskFirstGroup(rule, text);
            }
        }
        for (Pattern rule : extraRules) {
            text = maskFirstGroup(rule, text);
        }
        return text;
    }

    private static boolean mayHoldSecret(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String hint : DEFAULT_RULE_HINTS) {
            if (lower.contains(hint)) {
                return true;
            }
        }
        return false;
    }

    private static String maskFirstGroup(Pattern rule, String text) {
        Matcher matcher = rule.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (matcher.find()) {
            if (matcher.group(1) == null) {
                continue;
            }
            out.append(text, copied, matcher.start(1)).append(MASK);
            copied = matcher.end(1);
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }

    private static Pattern compile(String rule) {
        Pattern pattern = Pattern.compile(rule);
        if (pattern.matcher("").groupCount() < 1) {
            throw new IllegalArgumentException("redaction rule needs a capture group for the secret: " + rule);
        }
        return pattern;
    }

    /** Rules from configuration: the defaults plus any extra ones. */
    public static List<String> rulesWith(List<String> extra) {
        List<String> all = new ArrayList<>(DEFAULT_RULES);
        all.addAll(extra);
        return all;
    }
}

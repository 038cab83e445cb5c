package io.groundstation.policy;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether a regex means the same to the agent, which compiles URI regexes with Go's RE2 engine. RE2 has no
 * lookaround, backreferences, possessive quantifiers, atomic groups or \G/\Z; a regex using them would fail on
 * every agent (or match differently), so it is refused here.
 */
final class Re2Compatibility {

    private Re2Compatibility() {
    }

    /** Why the agent cannot use this regex, or null when it can. */
    static String problem(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return "does not compile: " + e.getDescription();
        }
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            String next = regex.substring(i + 1, Math.min(regex.length(), i + 4));
            if (c == '\\') {
                if (!next.isEmpty()) {
                    char escaped = next.charAt(0);
                    if (!inClass && Character.isDigit(escaped) && escaped != '0') {
                        return "uses a backreference (\\" + escaped + "), which the agent's regex engine lacks";
                    }
                    if (!inClass && (escaped == 'k' || escaped == 'G' || escaped == 'Z')) {
                        return "uses \\" + escaped + ", which the agent's regex engine lacks";
                    }
                }
                i++;
                continue;
            }
            if (inClass) {
                inClass = c != ']';
                continue;
            }
            if (c == '[') {
                inClass = true;
                if (next.startsWith("]") || next.startsWith("^]")) {
                    i += next.startsWith("]") ? 1 : 2;
                }
            } else if (c == '(' && next.startsWith("?")) {
                if (next.startsWith("?=") || next.startsWith("?!") || next.startsWith("?<=")
                        || next.startsWith("?<!")) {
                    return "uses lookaround, which the agent's regex engine lacks";
                }
                if (next.startsWith("?>")) {
                    return "uses an atomic group, which the agent's regex engine lacks";
                }
            } else if ((c == '*' || c == '+' || c == '?' || c == '}') && next.startsWith("+")) {
                return "uses a possessive quantifier, which the agent's regex engine lacks";
            }
        }
        return null;
    }
}

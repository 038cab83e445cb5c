package io.groundstation.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Whether the agent can use a URI regex. The agent compiles it with Go's RE2 engine, which has no lookaround,
 * backreferences, possessive quantifiers or atomic groups; RE2J parses exactly as RE2 does, so a regex it refuses
 * would fail on every agent.
 */
final class Re2Compatibility {

    private Re2Compatibility() {
    }

    /** Why the agent cannot use this regex, or null when it can. */
    static String problem(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return "the agent's regex engine (RE2) cannot compile it: " + e.getDescription();
        }
        // Go before 1.22 knows named groups only as (?P<name>...); agents built with it reject (?<name>...).
        if (regex.contains("(?<") && !regex.contains("\\(?<")) {
            return "the agent's regex engine (RE2) cannot compile it: write named groups as (?P<name>...)";
        }
        return null;
    }
}

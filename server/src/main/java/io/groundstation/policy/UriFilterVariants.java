package io.groundstation.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Equivalent spellings of a URI filter. The agent rebuilds an HTTP item with its old window, and then crashes (URI
 * list) or matches every URI (URI regex), when a re-sync meets the same filter text again (protocol.md §4). Sending
 * a different but equivalent text each time makes every rebuilt item new: variant k of regex X is X wrapped in k
 * non-capturing groups; variant k of a list repeats its first entry k more times (the agent collapses duplicates).
 */
public final class UriFilterVariants {

    private UriFilterVariants() {
    }

    public static String regex(String regex, int variant) {
        return "(?:".repeat(variant) + regex + ")".repeat(variant);
    }

    public static List<String> list(List<String> uris, int variant) {
        List<String> spelled = new ArrayList<>(uris);
        for (int i = 0; i < variant; i++) {
            spelled.add(uris.get(0));
        }
        return spelled;
    }

    /** The policy's own regex that {@code sent} spells, or {@code sent} itself when it is none of them. */
    public static String baseRegex(Policy policy, String sent) {
        for (var items : policy.targets().values()) {
            for (CheckItem item : items.values()) {
                if (item.uriRegex() == null) {
                    continue;
                }
                String wrapped = item.uriRegex();
                for (int variant = 0; wrapped.length() <= sent.length(); variant++) {
                    if (wrapped.equals(sent)) {
                        return item.uriRegex();
                    }
                    wrapped = regex(item.uriRegex(), variant + 1);
                }
            }
        }
        return sent;
    }
}

package io.groundstation.policy;

import java.util.List;

/**
 * One condition: at least {@code count} one-second samples within {@code period} seconds at or above
 * {@code threshold}. The threshold is kept as the canonical text the agent parses. An HTTP item may filter URIs by
 * a list or a regex (never both); {@code uriList} is empty and {@code uriRegex} null when unfiltered.
 */
public record CheckItem(String threshold, int period, int count, List<String> uriList, String uriRegex) {

    public CheckItem {
        uriList = List.copyOf(uriList);
    }

    public boolean hasUriFilter() {
        return !uriList.isEmpty() || uriRegex != null;
    }
}

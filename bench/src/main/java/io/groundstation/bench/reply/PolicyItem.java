package io.groundstation.bench.reply;

import java.util.List;

/**
 * One checker of a continuous-profiling policy as Rover holds it. {@code uriList} is empty and {@code uriRegex} is
 * {@code ""} when absent, as they are after Go's JSON decoding.
 */
public record PolicyItem(String threshold, long period, long count, List<String> uriList, String uriRegex) {

    public PolicyItem {
        uriList = List.copyOf(uriList);
    }

    public boolean hasUriFilter() {
        return !uriList.isEmpty() || !uriRegex.isEmpty();
    }

    /** Rover's {@code SameURIFilter}: same regex text, or element-wise equal lists, order included. */
    public boolean sameUriFilter(PolicyItem other) {
        if (!uriRegex.isEmpty() || !other.uriRegex.isEmpty()) {
            return uriRegex.equals(other.uriRegex);
        }
        return uriList.equals(other.uriList);
    }
}

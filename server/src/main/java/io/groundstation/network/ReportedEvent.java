package io.groundstation.network;

import java.util.Map;

/**
 * One span-attached event as the agent sent it: {@code HTTP Request Sampling} / {@code HTTP Response Sampling}
 * with the captured content in the {@code data_content} tag, or {@code Syscall <func>}. Times are epoch ms.
 */
public record ReportedEvent(String name, long startTime, long endTime, Map<String, String> tags, String traceId,
                            String segmentId, String spanId) {

    public static final String CONTENT_TAG = "data_content";

    public ReportedEvent {
        tags = Map.copyOf(tags);
    }
}

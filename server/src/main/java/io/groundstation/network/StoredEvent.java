package io.groundstation.network;

import java.util.Map;

/**
 * A span-attached event as stored under a task: its tags without {@code data_content}, and the content masked
 * (see {@link ContentMasker}), cut to the per-event cap ({@code contentTruncated}) or left out because the task
 * reached its cap ({@code contentDropped}); {@code contentBytes} is the stored content's UTF-8 size.
 */
public record StoredEvent(String taskId, String processId, String traceId, String name, long startTime,
                          long endTime, String segmentId, String spanId, Map<String, String> tags, String content,
                          long contentBytes, boolean contentTruncated, boolean contentDropped) {

    public StoredEvent {
        tags = Map.copyOf(tags);
    }
}

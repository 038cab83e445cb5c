package io.groundstation.network;

import java.time.Duration;

/**
 * How network results are taken in: the agent's meter prefix, the longest label, uri or trace id kept, the time
 * slice meters are summed over, how far outside a task's span data is still its own, and the content caps
 * (UTF-8 bytes) per event and per task.
 */
public record NetworkLimits(String meterPrefix, int maxTextLength, Duration slice, Duration tolerance,
                            long maxContentPerEvent, long maxContentPerTask) {
}

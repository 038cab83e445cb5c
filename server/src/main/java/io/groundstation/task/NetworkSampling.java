package io.groundstation.task;

/**
 * One sampling rule of a NETWORK task: which requests the agent keeps (URI regex, slower than a minimum duration
 * in ms, 4xx or 5xx responses) and how much of them. Null regex or minimum duration means "any".
 */
public record NetworkSampling(String uriRegex, Integer minDurationMillis, boolean when4xx, boolean when5xx,
                              boolean requireCompleteRequest, int maxRequestSize, boolean requireCompleteResponse,
                              int maxResponseSize) {

    /** How much of a sampled request or response body the agent keeps unless told otherwise. */
    public static final int DEFAULT_CAPTURE_BYTES = 2048;
}

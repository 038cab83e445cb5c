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

    /**
     * A rule as a request gives it, any part left out: a condition or requirement not given is off, a size not
     * given is {@link #DEFAULT_CAPTURE_BYTES}. The HTTP API and GraphQL both take rules this way.
     */
    public static NetworkSampling withDefaults(String uriRegex, Integer minDurationMillis, Boolean when4xx,
                                               Boolean when5xx, Boolean requireCompleteRequest,
                                               Integer maxRequestSize, Boolean requireCompleteResponse,
                                               Integer maxResponseSize) {
        return new NetworkSampling(uriRegex, minDurationMillis, Boolean.TRUE.equals(when4xx),
                Boolean.TRUE.equals(when5xx), Boolean.TRUE.equals(requireCompleteRequest),
                maxRequestSize == null ? DEFAULT_CAPTURE_BYTES : maxRequestSize,
                Boolean.TRUE.equals(requireCompleteResponse),
                maxResponseSize == null ? DEFAULT_CAPTURE_BYTES : maxResponseSize);
    }
}

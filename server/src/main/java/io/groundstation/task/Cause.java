package io.groundstation.task;

/**
 * One reason a policy fired, as the agent sent it: the checker, the threshold and the value seen, and for HTTP
 * checkers the URI path ("" for the whole process) or regex. Values that are not finite numbers are null.
 */
public record Cause(String checker, Double threshold, Double current, String uriPath, String uriRegex) {

    /** A one-line, locale-independent description of this cause. */
    public String message() {
        return CauseMessage.of(java.util.List.of(this));
    }

    /** The same cause with another regex (the policy's own spelling of the one the agent sent back). */
    public Cause withUriRegex(String regex) {
        return new Cause(checker, threshold, current, uriPath, regex);
    }
}

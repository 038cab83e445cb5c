package io.groundstation.task;

/** The service already runs as many triggered tasks as it may; the agent may report again later. */
public final class TriggerRefused extends RuntimeException {
    public TriggerRefused(String message) {
        super(message);
    }
}

package io.groundstation.task;

/**
 * A new task would pass a cap on running tasks (per service for triggers, or overall); an agent reports again
 * later, a person tries again when tasks have ended.
 */
public final class TaskLimitReached extends RuntimeException {
    public TaskLimitReached(String message) {
        super(message);
    }
}

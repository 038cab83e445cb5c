package io.groundstation.export;

/**
 * What became of a task's export after {@code attempts} pushes: decided ({@code outcome} and {@code doneAt} set), or
 * to be tried again at {@code nextAttemptAt}. {@code lastError} is what the receiver or the connection said last.
 */
public record ExportState(String taskId, int attempts, long nextAttemptAt, Outcome outcome, Long doneAt,
                          String lastError) {

    public enum Outcome {
        /** The receiver took the profile. */
        PUSHED,
        /** Nothing was uploaded for the task: nothing to push. */
        EMPTY,
        /** The receiver refused it, or it kept failing until too old to be taken. */
        FAILED
    }

    static ExportState decided(String taskId, int attempts, Outcome outcome, long now, String lastError) {
        return new ExportState(taskId, attempts, now, outcome, now, lastError);
    }

    static ExportState retryAt(String taskId, int attempts, long nextAttemptAt, String lastError) {
        return new ExportState(taskId, attempts, nextAttemptAt, null, null, lastError);
    }
}

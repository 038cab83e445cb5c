package io.groundstation.export;

/** An ended task whose profile is to be pushed, and how many pushes of it failed before. */
public record DueExport(String taskId, int attempts) {
}

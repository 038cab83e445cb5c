package io.groundstation.network;

/** A sampled trace as stored under a task: the report and the local process it was attributed by. */
public record Sample(String taskId, String processId, ReportedTrace trace) {
}

package io.groundstation.profile;

/** Where samples are summed: a task, one of its processes, a time slice and a stack. */
public record SliceKey(String taskId, String processId, long sliceStart, Stack stack) {
}

package io.groundstation.bench.reply;

/** The task id a reportProfilingTask reply gives the agent, or why the agent cannot take one. */
public record TaskGrant(String taskId, Misread misread) {

    static TaskGrant granted(String taskId) {
        return new TaskGrant(taskId, null);
    }

    static TaskGrant misread(MisreadKind kind, String detail) {
        return new TaskGrant(null, new Misread(kind, detail));
    }

    public boolean isGranted() {
        return taskId != null;
    }
}

package io.groundstation.profile;

import java.util.List;

/**
 * One message of an upload stream as the agent sends it: task metadata only on a task's first message (null
 * otherwise), the stacks of one sample (each leaf first, kernel or user space) and the counts since the last flush.
 */
public record UploadedSample(Metadata metadata, List<RawStack> stacks, SampleCounts counts) {

    /** Which task and process the following messages belong to, and when the agent flushed them (epoch ms). */
    public record Metadata(String taskId, String processId, long currentTime) {
    }

    /** Symbols as the agent sends them: the innermost frame first. */
    public record RawStack(boolean kernel, List<String> symbols) {
    }

    public UploadedSample {
        stacks = List.copyOf(stacks);
    }

    /** Root first: user-space frames, then kernel-space frames. */
    Stack stack() {
        List<String> user = new java.util.ArrayList<>();
        List<String> kernel = new java.util.ArrayList<>();
        for (RawStack raw : stacks) {
            List<String> frames = raw.kernel() ? kernel : user;
            for (int i = raw.symbols().size() - 1; i >= 0; i--) {
                frames.add(raw.symbols().get(i));
            }
        }
        if (user.isEmpty() && kernel.isEmpty()) {
            user.add("[no stack]");
        }
        List<String> frames = new java.util.ArrayList<>(user);
        frames.addAll(kernel);
        return new Stack(frames, kernel.size());
    }
}

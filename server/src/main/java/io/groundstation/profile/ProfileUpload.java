package io.groundstation.profile;

import io.groundstation.task.ProfilingTask;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One collectProfilingData stream: messages without metadata belong to the last metadata seen, several tasks may
 * follow one another, and counts are summed in memory and written in batches. A message for a task we do not know,
 * for a process the task does not profile, or before any metadata is refused — never stored under a wrong task.
 */
public final class ProfileUpload {

    /** Keeps a stream's memory bounded: past this many distinct keys, what is summed so far is written. */
    static final int MAX_PENDING_KEYS = 20_000;

    private final ProfileStore store;
    private final Function<String, Optional<ProfilingTask>> tasks;
    private final long sliceMillis;
    private final Map<SliceKey, SampleCounts> pending = new HashMap<>();
    /** Why messages are refused; every message of a refused task counts. */
    private enum Refusal { UNKNOWN_TASK, WRONG_PROCESS, NO_METADATA }

    private final Map<Refusal, Long> refused = new java.util.EnumMap<>(Refusal.class);
    private UploadedSample.Metadata current;
    private Refusal currentRefusal = Refusal.NO_METADATA;
    private long accepted;

    ProfileUpload(ProfileStore store, Function<String, Optional<ProfilingTask>> tasks, long sliceMillis) {
        this.store = store;
        this.tasks = tasks;
        this.sliceMillis = sliceMillis;
    }

    public void accept(UploadedSample sample) {
        if (sample.metadata() != null) {
            current = sample.metadata();
            currentRefusal = refusalOf(current);
        }
        if (currentRefusal != null) {
            refused.merge(currentRefusal, 1L, Long::sum);
            return;
        }
        long slice = Math.floorDiv(current.currentTime(), sliceMillis) * sliceMillis;
        pending.merge(new SliceKey(current.taskId(), current.processId(), slice, sample.stack()), sample.counts(),
                SampleCounts::plus);
        accepted++;
        if (pending.size() >= MAX_PENDING_KEYS) {
            flush();
        }
    }

    /** Why the messages under this metadata cannot be stored, or null when they can. */
    private Refusal refusalOf(UploadedSample.Metadata metadata) {
        Optional<ProfilingTask> task = tasks.apply(metadata.taskId());
        if (task.isEmpty()) {
            return Refusal.UNKNOWN_TASK;
        }
        return task.get().processIds().contains(metadata.processId()) ? null : Refusal.WRONG_PROCESS;
    }

    public UploadResult finish() {
        flush();
        return new UploadResult(accepted, refused.getOrDefault(Refusal.UNKNOWN_TASK, 0L),
                refused.getOrDefault(Refusal.NO_METADATA, 0L), refused.getOrDefault(Refusal.WRONG_PROCESS, 0L));
    }

    private void flush() {
        if (!pending.isEmpty()) {
            store.add(Map.copyOf(pending));
            pending.clear();
        }
    }
}

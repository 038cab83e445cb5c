package io.groundstation.profile;

import io.groundstation.task.ProfilingTarget;
import io.groundstation.task.ProfilingTask;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Uploaded profiles: taking streams in, and reading them back as a flame graph, folded text or pprof. */
public final class ProfileService {

    /** A profile read back: the task it belongs to and its totals per stack. */
    public record Read(ProfilingTask task, List<StackTotal> totals) {
        boolean offCpu() {
            return task.target() == ProfilingTarget.OFF_CPU;
        }
    }

    private final ProfileStore store;
    private final Function<String, Optional<ProfilingTask>> tasks;
    private final long sliceMillis;

    public ProfileService(ProfileStore store, Function<String, Optional<ProfilingTask>> tasks, Duration slice) {
        this.store = store;
        this.tasks = tasks;
        this.sliceMillis = slice.toMillis();
    }

    public ProfileUpload openUpload() {
        return new ProfileUpload(store, tasks, sliceMillis);
    }

    /** The profile of a task, optionally of one process and slices starting in [from, to); empty: no such task. */
    public Optional<Read> read(String taskId, String processId, Long from, Long to) {
        return tasks.apply(taskId).map(task -> new Read(task, store.totals(taskId, processId, from, to)));
    }

    public FlameNode flameGraph(Read profile) {
        return FlameGraph.of(profile.totals(), profile.offCpu());
    }

    /** One flame graph over several reads of one target (schedules, time ranges): their stacks summed. */
    public FlameNode flameGraph(List<Read> profiles) {
        return FlameGraph.of(profiles.stream().flatMap(p -> p.totals().stream()).toList(),
                !profiles.isEmpty() && profiles.get(0).offCpu());
    }

    /** The differential flame graph of two profiles of one kind (both on-CPU or both off-CPU). */
    public ProfileDiff.Node diff(Read base, Read compare) {
        ProfilingTarget kind = base.task().target();
        if (kind == ProfilingTarget.NETWORK || compare.task().target() != kind) {
            throw new ProfilesNotComparable("only two ON_CPU or two OFF_CPU profiles can be compared; base is "
                    + kind + ", compare is " + compare.task().target());
        }
        return ProfileDiff.of(flameGraph(base), flameGraph(compare));
    }

    /** Stored profiles are summed per slice of this many ms: the finest time range a read can tell apart. */
    public long sliceMillis() {
        return sliceMillis;
    }

    public String folded(Read profile) {
        return FoldedStacks.of(profile.totals(), profile.offCpu());
    }

    public byte[] pprof(Read profile) {
        return PprofExport.of(profile.totals(), profile.offCpu(), profile.task().startTime(),
                profile.task().durationSeconds() * 1000L);
    }

    /**
     * The whole profile of each process that uploaded samples for the task, as {@link #pprof}; empty when none did.
     * In the order the store lists the processes.
     */
    public Map<String, byte[]> pprofByProcess(ProfilingTask task) {
        Map<String, byte[]> profiles = new LinkedHashMap<>();
        for (ProcessData data : store.dataOf(List.of(task.id())).getOrDefault(task.id(), List.of())) {
            profiles.put(data.processId(), pprof(new Read(task, store.totals(task.id(), data.processId(), null,
                    null))));
        }
        return profiles;
    }

    /** Deletes what was uploaded for these tasks (their retention ended). */
    public void deleteProfilesOf(List<String> taskIds) {
        store.deleteSamplesOf(taskIds);
    }

    /** Deletes the stacks no profile uses any more; returns how many went. */
    public int deleteUnusedStacks() {
        return store.deleteUnusedStacks();
    }

    /** For each task, what each of its processes sent. */
    public Map<String, List<ProcessData>> dataOf(List<String> taskIds) {
        return store.dataOf(taskIds);
    }
}

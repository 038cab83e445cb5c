package io.groundstation.export;

import io.groundstation.task.ProfilingTarget;
import io.groundstation.registry.ProcessEntity;
import io.groundstation.task.ProfilingTask;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Pushes the profile of each ended ON_CPU/OFF_CPU task to a profile store, once, from one node: the rules of which
 * tasks are due, when a failed push is tried again, and when it is given up. A run is cluster-wide work under a
 * lease (see {@code jobs/LeasedJobs}); it stops starting pushes one {@code interval} after it began, and each push
 * is bounded by the sink's timeout (at most one interval), so it ends before its two-interval lease could pass to
 * another node that would push the same tasks.
 */
public final class ProfileExport {

    static final Set<ProfilingTarget> TARGETS = EnumSet.of(ProfilingTarget.ON_CPU, ProfilingTarget.OFF_CPU);
    /** Retries wait {@code interval}, doubling, up to this. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** Most tasks one run looks at; the rest are due at the next run. */
    static final int BATCH = 100;

    /** What one run did, for the meters and the log; {@code problems} says why pushes failed, one per task. */
    public record Run(int pushed, int empty, int retried, int failed, List<String> problems) {
    }

    /**
     * How often runs come and the longest a push may take ({@code interval}), how long after its end a task is
     * pushed so the agent's last uploads are in it ({@code delay}), and how old a task's start may be for its
     * profile to be pushed at all ({@code maxAge}: receivers refuse old profiles).
     */
    public record Timing(Duration interval, Duration delay, Duration maxAge) {
    }

    private final ExportStore store;
    private final ProfileSink sink;
    private final Function<String, Optional<ProfilingTask>> tasks;
    private final Function<ProfilingTask, Map<String, byte[]>> pprofByProcess;
    private final Function<String, Optional<ProcessEntity>> processes;
    private final Timing timing;
    private final Clock clock;

    /**
     * {@code pprofByProcess} gives, for each process that uploaded samples for a task, its profile as gzipped pprof;
     * {@code processes} names a process by its id.
     */
    public ProfileExport(ExportStore store, ProfileSink sink, Function<String, Optional<ProfilingTask>> tasks,
                         Function<ProfilingTask, Map<String, byte[]>> pprofByProcess,
                         Function<String, Optional<ProcessEntity>> processes, Timing timing, Clock clock) {
        this.store = store;
        this.sink = sink;
        this.tasks = tasks;
        this.pprofByProcess = pprofByProcess;
        this.processes = processes;
        this.timing = timing;
        this.clock = clock;
    }

    /** Pushes what is due; one run at a time on this node. Idempotent: a run cut short is redone by the next. */
    public synchronized Run run() {
        long start = clock.millis();
        long oldestStart = start - timing.maxAge().toMillis();
        int failed = store.expire(oldestStart, start, "still failing when the task's start was over "
                + timing.maxAge() + " old");
        int pushed = 0;
        int empty = 0;
        int retried = 0;
        List<String> problems = new ArrayList<>();
        long stopStartingAt = start + timing.interval().toMillis();
        for (DueExport due : store.due(TARGETS, oldestStart, start - timing.delay().toMillis(), start, BATCH)) {
            long now = clock.millis();
            if (now >= stopStartingAt) {
                break;
            }
            Optional<ProfilingTask> task = tasks.apply(due.taskId());
            if (task.isEmpty()) {
                continue; // purged since
            }
            List<ProfileSeries> series = series(task.get());
            int attempts = due.attempts() + 1;
            if (series.isEmpty()) {
                store.save(ExportState.decided(due.taskId(), attempts, ExportState.Outcome.EMPTY, now, null));
                empty++;
                continue;
            }
            PushResult result = sink.push(series);
            now = clock.millis();
            switch (result.status()) {
                case ACCEPTED -> {
                    store.save(ExportState.decided(due.taskId(), attempts, ExportState.Outcome.PUSHED, now, null));
                    pushed++;
                }
                case REFUSED -> {
                    store.save(ExportState.decided(due.taskId(), attempts, ExportState.Outcome.FAILED, now,
                            result.detail()));
                    failed++;
                    problems.add("task " + due.taskId() + " refused, not retried: " + result.detail());
                }
                case RETRY -> {
                    store.save(ExportState.retryAt(due.taskId(), attempts, now + backoff(attempts).toMillis(),
                            result.detail()));
                    retried++;
                    problems.add("task " + due.taskId() + " failed (attempt " + attempts + "), will retry: "
                            + result.detail());
                }
            }
        }
        return new Run(pushed, empty, retried, failed, problems);
    }

    /** Ended tasks whose profile waits for a push (due, or waiting to retry), on every node's behalf. */
    public long pending() {
        long now = clock.millis();
        return store.pending(TARGETS, now - timing.maxAge().toMillis(), now);
    }

    /** The wait after the {@code failures}-th failed push: one interval, doubling, at most {@link #MAX_BACKOFF}. */
    Duration backoff(int failures) {
        Duration wait = timing.interval();
        for (int i = 1; i < failures && wait.compareTo(MAX_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    /** One series per process that uploaded samples, ordered by process id. */
    private List<ProfileSeries> series(ProfilingTask task) {
        List<ProfileSeries> series = new ArrayList<>();
        new java.util.TreeMap<>(pprofByProcess.apply(task)).forEach((processId, pprof) -> series.add(
                new ProfileSeries(UUID.nameUUIDFromBytes((task.id() + "\n" + processId)
                        .getBytes(StandardCharsets.UTF_8)).toString(), labels(task, processId), pprof)));
        return series;
    }

    /**
     * Pyroscope's labels: {@code __name__} the profile type ({@code process_cpu} as Pyroscope's own eBPF profiles,
     * {@code off_cpu}), {@code service_name} the service; then where and what. Names come from the registry, or
     * from the task when the process is gone; a blank one is left out.
     */
    static Map<String, String> labels(ProfilingTask task, String processId, Optional<ProcessEntity> process) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("__name__", task.target() == ProfilingTarget.OFF_CPU ? "off_cpu" : "process_cpu");
        labels.put("service_name", task.serviceName());
        put(labels, "instance", process.map(ProcessEntity::instanceName).orElse(task.instanceName()));
        put(labels, "process", process.map(ProcessEntity::processName).orElse(
                task.processName() == null ? processId : task.processName()));
        labels.put("task_id", task.id());
        labels.put("target", task.target().name());
        return labels;
    }

    private Map<String, String> labels(ProfilingTask task, String processId) {
        return labels(task, processId, processes.apply(processId));
    }

    private static void put(Map<String, String> labels, String name, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(name, value);
        }
    }

    /** Forgets the exports of these tasks (they are being purged). */
    public void forget(List<String> taskIds) {
        store.forget(taskIds);
    }
}

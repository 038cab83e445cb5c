package io.groundstation.network;

import io.groundstation.meter.ReportedMeter;
import io.groundstation.registry.Ids;
import io.groundstation.task.ProfilingTask;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What NETWORK tasks send back (protocol.md §8): meters, sampled traces and their HTTP content and syscall events,
 * attributed to every task holding the local process at the time (see {@link NetworkAttribution}), and read back
 * as a topology, a list of samples and one sample with its events.
 */
public final class NetworkResults {

    /** Tags of content events that name the process that captured them. */
    private static final String SERVICE_TAG = "service_name";
    private static final String INSTANCE_TAG = "service_instance_name";
    private static final String PROCESS_TAG = "process_name";
    private static final Set<String> DETECT_POINTS = Set.of("client", "server");

    /** A page of samples and how many match in all. */
    public record Samples(List<Sample> items, long total) {
    }

    /** The samples of one trace under a task (one per end and reason that sampled it) and its events. */
    public record Trace(List<Sample> samples, List<StoredEvent> events) {
    }

    private final NetworkStore store;
    private final NetworkAttribution attribution;
    private final NetworkMeterIntake meterIntake;
    private final Function<String, Optional<ProfilingTask>> tasks;
    private final BiFunction<String, String, List<ProfilingTask>> instanceTasks;
    private final Function<String, Optional<String>> processNames;
    private final ContentMasker masker;
    private final NetworkLimits limits;
    private final long sliceMillis;
    private final Clock clock;

    public NetworkResults(NetworkStore store, Supplier<List<ProfilingTask>> recentNetworkTasks,
                          Function<String, Optional<ProfilingTask>> tasks,
                          BiFunction<String, String, List<ProfilingTask>> instanceTasks,
                          Function<String, Optional<String>> processNames, ContentMasker masker,
                          NetworkLimits limits, Clock clock) {
        this.store = store;
        this.attribution = new NetworkAttribution(recentNetworkTasks, limits.tolerance().toMillis());
        this.meterIntake = new NetworkMeterIntake(limits, attribution);
        this.tasks = tasks;
        this.instanceTasks = instanceTasks;
        this.processNames = processNames;
        this.masker = masker;
        this.limits = limits;
        this.sliceMillis = limits.slice().toMillis();
        this.clock = clock;
    }

    /** Takes the meters of one collection in the order sent; meters of other kinds are ignored. */
    public IntakeOutcome acceptMeters(List<ReportedMeter> collection) {
        NetworkMeterIntake.Reading reading = meterIntake.read(collection);
        if (!reading.batch().isEmpty()) {
            store.addMeters(reading.batch());
        }
        return new IntakeOutcome(reading.stored(), reading.unattributed(), reading.invalid(), reading.ignored(), 0);
    }

    /** Takes the sampled traces of one stream. */
    public IntakeOutcome acceptTraces(List<ReportedTrace> traces) {
        List<Sample> samples = new ArrayList<>();
        int stored = 0;
        int unattributed = 0;
        int invalid = 0;
        for (ReportedTrace trace : traces) {
            if (!valid(trace)) {
                invalid++;
                continue;
            }
            List<String> holding = attribution.tasksHolding(trace.service(), trace.instance(),
                    trace.localProcessId(), trace.time());
            if (holding.isEmpty()) {
                unattributed++;
                continue;
            }
            stored++;
            holding.forEach(task -> samples.add(new Sample(task, trace.localProcessId(), trace)));
        }
        if (!samples.isEmpty()) {
            store.addSamples(samples);
        }
        return new IntakeOutcome(stored, unattributed, invalid, 0, 0);
    }

    private boolean valid(ReportedTrace trace) {
        String local = trace.localProcessId();
        return trace.time() > 0 && !trace.traceId().isEmpty() && DETECT_POINTS.contains(trace.detectPoint())
                && !local.isEmpty() && local.length() <= NetworkMeterIntake.MAX_ID_LENGTH
                && !trace.reason().isEmpty() && trace.latencyMs() >= 0
                && shortEnough(trace.service(), trace.instance(), trace.traceId(), trace.uri(), trace.reason(),
                trace.traceProvider(), trace.component(), trace.client().processId(), trace.client().address(),
                trace.server().processId(), trace.server().address());
    }

    /** Takes the span-attached events of one stream: content masked, then capped per event and per task. */
    public IntakeOutcome acceptEvents(List<ReportedEvent> events) {
        record Held(ReportedEvent event, String processId, List<String> tasks) {
        }
        List<Held> held = new ArrayList<>();
        int unattributed = 0;
        int invalid = 0;
        for (ReportedEvent event : events) {
            String service = event.tags().getOrDefault(SERVICE_TAG, "");
            String instance = event.tags().getOrDefault(INSTANCE_TAG, "");
            String process = event.tags().getOrDefault(PROCESS_TAG, "");
            if (event.name().isEmpty() || event.traceId().isEmpty() || event.startTime() <= 0
                    || service.isEmpty() || instance.isEmpty() || process.isEmpty()
                    || !shortEnough(event.name(), event.traceId(), event.segmentId(), event.spanId(), service,
                    instance, process) || !tagsShortEnough(event.tags())) {
                invalid++;
                continue;
            }
            String processId = Ids.processId(service, instance, process);
            List<String> holding = attribution.tasksHolding(service, instance, processId, event.startTime());
            if (holding.isEmpty()) {
                unattributed++;
                continue;
            }
            held.add(new Held(event, processId, holding));
        }
        if (held.isEmpty()) {
            return new IntakeOutcome(0, unattributed, invalid, 0, 0);
        }
        Map<String, Long> used = new HashMap<>(store.contentBytes(held.stream().flatMap(h -> h.tasks().stream())
                .distinct().toList()));
        List<StoredEvent> stored = new ArrayList<>();
        int capped = 0;
        for (Held h : held) {
            String raw = h.event().tags().get(ReportedEvent.CONTENT_TAG);
            // Cut before masking (a whole body can be megabytes), and again after: a short value grows masked.
            String rawCut = raw == null ? null : Utf8.cut(raw, limits.maxContentPerEvent());
            // Bodies are free text: NUL, which PostgreSQL cannot store, becomes U+FFFD.
            String masked = rawCut == null ? null : masker.mask(rawCut.replace('\0', '\uFFFD'));
            String cut = masked == null ? null : Utf8.cut(masked, limits.maxContentPerEvent());
            boolean truncated = raw != null && (rawCut.length() < raw.length() || cut.length() < masked.length());
            long bytes = cut == null ? 0 : Utf8.length(cut);
            Map<String, String> tags = new LinkedHashMap<>(h.event().tags());
            tags.remove(ReportedEvent.CONTENT_TAG);
            boolean anyCapped = false;
            for (String task : h.tasks()) {
                boolean fits = used.getOrDefault(task, 0L) + bytes <= limits.maxContentPerTask();
                if (fits) {
                    used.merge(task, bytes, Long::sum);
                } else {
                    anyCapped = true;
                }
                stored.add(new StoredEvent(task, h.processId(), h.event().traceId(), h.event().name(),
                        h.event().startTime(), h.event().endTime(), h.event().segmentId(), h.event().spanId(), tags,
                        fits ? cut : null, fits ? bytes : 0, fits && truncated, !fits));
            }
            if (anyCapped) {
                capped++;
            }
        }
        store.addEvents(stored);
        return new IntakeOutcome(held.size(), unattributed, invalid, 0, capped);
    }

    /** Short enough and free of NUL, which PostgreSQL cannot store in text. */
    private boolean shortEnough(String... texts) {
        for (String text : texts) {
            if (text.length() > limits.maxTextLength() || text.indexOf('\0') >= 0) {
                return false;
            }
        }
        return true;
    }

    private boolean tagsShortEnough(Map<String, String> tags) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!tag.getKey().equals(ReportedEvent.CONTENT_TAG) && !shortEnough(tag.getKey(), tag.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The topology of a task over the slices that overlap [from, to) (null: unbounded); empty: no task. */
    public Optional<Topology> topology(String taskId, Long from, Long to) {
        Long firstSlice = from == null ? null : Math.floorDiv(from, sliceMillis) * sliceMillis;
        return tasks.apply(taskId).map(task -> TopologyBuilder.of(task, store.meters(taskId, firstSlice, to),
                store.buckets(taskId, firstSlice, to), processNames, from == null ? task.startTime() : from,
                to == null ? Math.min(task.endTime(), Math.max(task.startTime(), clock.millis())) : to));
    }

    /**
     * The links the NETWORK tasks of a service instance saw in the slices that overlap [from, to): every task of the
     * instance that can hold data of that time (its span widened by the time tolerance); a link seen by several
     * tasks comes once.
     */
    public List<Link> instanceLinks(String service, String instance, long from, long to) {
        long firstSlice = Math.floorDiv(from, sliceMillis) * sliceMillis;
        long tolerance = limits.tolerance().toMillis();
        Set<Link> links = new TreeSet<>(Link.ORDER);
        for (ProfilingTask task : instanceTasks.apply(service, instance)) {
            if (task.startTime() - tolerance < to && firstSlice < task.endTime() + tolerance) {
                links.addAll(store.links(task.id(), firstSlice, to));
            }
        }
        return List.copyOf(links);
    }

    /** A page of a task's samples, newest first; empty: no task. */
    public Optional<Samples> samples(String taskId, SampleQuery query) {
        return tasks.apply(taskId).map(task -> new Samples(store.samples(taskId, query),
                store.countSamples(taskId, query)));
    }

    /** One trace of a task with its events; empty: no such task, or nothing stored for the trace under it. */
    public Optional<Trace> trace(String taskId, String traceId) {
        if (tasks.apply(taskId).isEmpty()) {
            return Optional.empty();
        }
        Trace trace = new Trace(store.samplesOfTrace(taskId, traceId), store.eventsOfTrace(taskId, traceId));
        return trace.samples().isEmpty() && trace.events().isEmpty() ? Optional.empty() : Optional.of(trace);
    }

    /** Deletes what was stored for these tasks (their retention ended). */
    public void deleteResultsOf(List<String> taskIds) {
        store.deleteOf(taskIds);
    }

    /** UTF-8 sizes and cuts that never split a character. */
    static final class Utf8 {
        private Utf8() {
        }

        static long length(String text) {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }

        static String cut(String text, long maxBytes) {
            if (text.length() * 3L <= maxBytes || length(text) <= maxBytes) {
                return text;
            }
            long bytes = 0;
            int i = 0;
            while (i < text.length()) {
                int cp = text.codePointAt(i);
                int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (bytes + size > maxBytes) {
                    break;
                }
                bytes += size;
                i += Character.charCount(cp);
            }
            return text.substring(0, i);
        }
    }
}

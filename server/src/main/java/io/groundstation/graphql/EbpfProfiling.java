package io.groundstation.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.groundstation.task.ProfilingTarget;
import io.groundstation.profile.FlameNode;
import io.groundstation.profile.ProcessData;
import io.groundstation.profile.ProfileService;
import io.groundstation.registry.Ids;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.registry.RegisteredProcess;
import io.groundstation.task.Cause;
import io.groundstation.task.FixedTimeRequest;
import io.groundstation.task.NetworkSampling;
import io.groundstation.task.ProfilingTask;
import io.groundstation.task.TaskLimitReached;
import io.groundstation.task.TaskQuery;
import io.groundstation.task.TaskRequestProblems;
import io.groundstation.task.OnDemandPlanner;
import io.groundstation.task.Tasks;
import io.groundstation.task.TriggerType;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * ebpf-profiling.graphqls over tasks and profiles. OAP's task is what one request created: here one task per
 * process sharing a request id, shown as one task (its id the request id) whose schedules are its per-process
 * tasks that sent data. A schedule id is the per-process task's id.
 */
record EbpfProfiling(Tasks tasks, OnDemandPlanner onDemand, ProfileService profiles, ProcessRegistry registry,
                     MetadataQueries metadata, Clock clock) {

    /** The most per-process tasks one listing reads; OAP has no bound. */
    private static final int MAX_LISTED = 2000;
    private static final int MAX_SCHEDULES = 1000;
    private static final int MAX_TIME_RANGES = 100;

    void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("queryPrepareCreateEBPFProfilingTaskData", env -> {
                    List<RegisteredProcess> alive = metadata.aliveProcesses(env.getArgument("serviceId"));
                    return Map.of("couldProfiling", alive.stream().anyMatch(RegisteredProcess::ebpfSupported),
                            "processLabels", new TreeSet<>(alive.stream().flatMap(p -> p.entity().labels().stream())
                                    .toList()).stream().toList());
                })
                .dataFetcher("queryEBPFProfilingTasks", this::listTasks)
                .dataFetcher("queryEBPFProfilingSchedules", env -> schedules(env.getArgument("taskId")))
                .dataFetcher("analysisEBPFProfilingResult", this::analyse));
        wiring.type("Mutation", type -> type
                .dataFetcher("createEBPFProfilingFixedTimeTask", env -> {
                    Admin.require(env);
                    Map<String, Object> request = env.getArgument("request");
                    Optional<String> service = Ids.serviceName((String) request.get("serviceId"));
                    if (service.isEmpty()) {
                        return MutationResult.of("no service with id " + request.get("serviceId"));
                    }
                    long startTime = ((Number) request.get("startTime")).longValue();
                    return create(new FixedTimeRequest(service.get(),
                            ProfilingTarget.valueOf((String) request.get("targetType")), List.of(),
                            MetadataQueries.labels(strings(request.get("processLabels"))), null,
                            startTime <= 0 ? null : startTime, (Integer) request.get("duration"), List.of(), true));
                })
                .dataFetcher("createEBPFNetworkProfiling", env -> {
                    Admin.require(env);
                    Map<String, Object> request = env.getArgument("request");
                    Optional<Map.Entry<String, String>> names = Ids.instanceNames((String) request.get("instanceId"));
                    if (names.isEmpty()) {
                        return MutationResult.of("no service instance with id " + request.get("instanceId"));
                    }
                    return create(new FixedTimeRequest(names.get().getKey(), ProfilingTarget.NETWORK, List.of(),
                            List.of(), names.get().getValue(), null, OnDemandPlanner.NETWORK_KEEP_SECONDS,
                            samplings(request.get("samplings")), false));
                })
                .dataFetcher("keepEBPFNetworkProfiling", env -> {
                    Admin.require(env);
                    return MutationResult.of(onDemand.keepNetworkAlive(env.getArgument("taskId")).orElse(null));
                }));
    }

    private Map<String, Object> create(FixedTimeRequest request) {
        try {
            List<ProfilingTask> created = onDemand.startFixedTime(request);
            Map<String, Object> result = MutationResult.of(null);
            result.put("id", created.get(0).requestId());
            return result;
        } catch (TaskRequestProblems e) {
            return MutationResult.of(String.join("; ", e.problems()));
        } catch (TaskLimitReached e) {
            return MutationResult.of(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<NetworkSampling> samplings(Object value) {
        if (value == null) {
            return List.of();
        }
        return ((List<Map<String, Object>>) value).stream().map(rule -> {
            Map<String, Object> settings = (Map<String, Object>) rule.get("settings");
            return NetworkSampling.withDefaults((String) rule.get("uriRegex"), (Integer) rule.get("minDuration"),
                    (Boolean) rule.get("when4xx"), (Boolean) rule.get("when5xx"),
                    (Boolean) settings.get("requireCompleteRequest"), (Integer) settings.get("maxRequestSize"),
                    (Boolean) settings.get("requireCompleteResponse"), (Integer) settings.get("maxResponseSize"));
        }).toList();
    }

    private List<Map<String, Object>> listTasks(DataFetchingEnvironment env) {
        String serviceId = env.getArgument("serviceId");
        String instanceId = env.getArgument("serviceInstanceId");
        Optional<String> service = Optional.ofNullable(serviceId).flatMap(Ids::serviceName);
        Optional<Map.Entry<String, String>> instance = Optional.ofNullable(instanceId).flatMap(Ids::instanceNames);
        if ((serviceId != null && service.isEmpty()) || (instanceId != null && instance.isEmpty())
                || (service.isPresent() && instance.isPresent() && !instance.get().getKey().equals(service.get()))) {
            return List.of();
        }
        List<String> targetNames = env.getArgument("targets");
        List<ProfilingTarget> targets = targetNames == null ? List.of()
                : targetNames.stream().map(ProfilingTarget::valueOf).distinct().toList();
        String trigger = env.getArgument("triggerType");
        DurationInput duration = DurationInput.of(env.getArgument("duration"), clock.getZone());
        TaskQuery query = new TaskQuery(service.or(() -> instance.map(Map.Entry::getKey)).orElse(null),
                instance.map(Map.Entry::getValue).orElse(null), null, targets.size() == 1 ? targets.get(0) : null,
                trigger == null ? TriggerType.FIXED_TIME : TriggerType.valueOf(trigger),
                duration == null ? null : duration.fromMillis(), duration == null ? null : duration.toMillis(), 0,
                MAX_LISTED);
        // The tasks of one request share their start time, so they come out next to one another.
        Map<String, ProfilingTask> requests = new LinkedHashMap<>();
        tasks.tasks(query).stream().filter(t -> targets.isEmpty() || targets.contains(t.target()))
                .forEach(t -> requests.putIfAbsent(t.requestId(), t));
        return requests.values().stream().map(EbpfProfiling::task).toList();
    }

    private static Map<String, Object> task(ProfilingTask first) {
        boolean triggered = first.trigger() == TriggerType.CONTINUOUS_PROFILING;
        boolean oneInstance = triggered || first.target() == ProfilingTarget.NETWORK;
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("taskId", first.requestId());
        view.put("serviceId", Ids.serviceId(first.serviceName()));
        view.put("serviceName", first.serviceName());
        view.put("serviceInstanceId", oneInstance ? Ids.instanceId(first.serviceName(), first.instanceName()) : null);
        view.put("serviceInstanceName", oneInstance ? first.instanceName() : null);
        view.put("processLabels", first.processLabels());
        view.put("processId", triggered ? first.processIds().get(0) : null);
        view.put("processName", triggered ? first.processName() : null);
        view.put("taskStartTime", first.startTime());
        view.put("triggerType", first.trigger().name());
        view.put("fixedTriggerDuration", (long) first.durationSeconds());
        view.put("continuousProfilingCauses", triggered ? first.causes().stream().map(EbpfProfiling::cause).toList()
                : null);
        view.put("targetType", first.target().name());
        view.put("createTime", first.createdAt());
        return view;
    }

    /** OAP's cause: values ×100 as integers (the schema's Long), rounded rather than truncated. */
    private static Map<String, Object> cause(Cause cause) {
        Map<String, Object> view = new LinkedHashMap<>();
        long threshold = hundredths(cause.threshold());
        long current = hundredths(cause.current());
        boolean uri = cause.uriPath() != null || cause.uriRegex() != null;
        view.put("type", cause.checker());
        view.put("singleValue", uri ? null : Map.of("threshold", threshold, "current", current));
        if (uri) {
            Map<String, Object> uriCause = new LinkedHashMap<>();
            uriCause.put("uriRegex", cause.uriRegex());
            uriCause.put("uriPath", cause.uriPath());
            uriCause.put("threshold", threshold);
            uriCause.put("current", current);
            view.put("uri", uriCause);
        } else {
            view.put("uri", null);
        }
        view.put("message", cause.message());
        return view;
    }

    private static long hundredths(Double value) {
        return value == null ? 0 : Math.round(value * 100);
    }

    private List<Map<String, Object>> schedules(String requestId) {
        List<ProfilingTask> request = tasks.requestTasks(requestId);
        Map<String, List<ProcessData>> data = profiles.dataOf(request.stream().map(ProfilingTask::id).toList());
        List<Map<String, Object>> schedules = new ArrayList<>();
        for (ProfilingTask task : request) {
            for (ProcessData sent : data.getOrDefault(task.id(), List.of())) {
                registry.process(sent.processId()).ifPresent(process -> {
                    Map<String, Object> schedule = new LinkedHashMap<>();
                    schedule.put("scheduleId", task.id());
                    schedule.put("taskId", requestId);
                    schedule.put("process", MetadataQueries.process(process));
                    schedule.put("startTime", sent.firstSlice());
                    schedule.put("endTime", sent.lastSlice() + profiles.sliceMillis());
                    schedules.add(schedule);
                });
            }
        }
        schedules.sort(Comparator.comparingLong(s -> (Long) s.get("startTime")));
        return schedules;
    }

    private record TimeRange(long start, long end) {
    }

    private Map<String, Object> analyse(DataFetchingEnvironment env) {
        List<String> scheduleIds = env.getArgument("scheduleIdList");
        List<Map<String, Object>> rangeArguments = env.getArgument("timeRanges");
        if (scheduleIds.size() > MAX_SCHEDULES || rangeArguments.size() > MAX_TIME_RANGES) {
            throw new QueryProblem("analysisEBPFProfilingResult takes at most " + MAX_SCHEDULES + " schedules and "
                    + MAX_TIME_RANGES + " time ranges");
        }
        boolean byDuration = "DURATION".equals(env.getArgument("aggregateType"));
        List<TimeRange> ranges = merged(rangeArguments);
        List<ProfileService.Read> reads = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        ProfilingTarget target = null;
        for (String scheduleId : new TreeSet<>(scheduleIds)) {
            Optional<ProfilingTask> task = tasks.task(scheduleId);
            if (task.isEmpty() || task.get().target() == ProfilingTarget.NETWORK) {
                unknown.add(scheduleId);
                continue;
            }
            if (target != null && target != task.get().target()) {
                throw new QueryProblem("schedules of " + target + " and " + task.get().target()
                        + " tasks cannot be analysed together");
            }
            target = task.get().target();
            if (ranges.isEmpty()) {
                profiles.read(scheduleId, null, null, null).ifPresent(reads::add);
            }
            for (TimeRange range : ranges) {
                profiles.read(scheduleId, null, range.start(), range.end()).ifPresent(reads::add);
            }
        }
        FlameNode graph = profiles.flameGraph(reads);
        List<Map<String, Object>> trees = new ArrayList<>();
        for (FlameNode root : graph.children()) {
            int[] nextId = {1};
            List<Map<String, Object>> elements = new ArrayList<>();
            flatten(root, "0", nextId, byDuration, target == ProfilingTarget.OFF_CPU, elements);
            trees.add(Map.of("elements", elements));
        }
        List<String> tips = new ArrayList<>();
        if (!unknown.isEmpty()) {
            tips.add("no on-CPU or off-CPU schedule with id " + String.join(", ", unknown));
        }
        if (trees.isEmpty()) {
            tips.add("no profiling data in these schedules and time ranges");
        }
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("tip", tips.isEmpty() ? null : String.join("; ", tips));
        analysis.put("trees", trees);
        return analysis;
    }

    /** The time ranges sorted, overlapping ones joined: a sample is counted once however the ranges are drawn. */
    private static List<TimeRange> merged(List<Map<String, Object>> given) {
        List<TimeRange> ranges = new ArrayList<>();
        for (Map<String, Object> range : given) {
            long start = ((Number) range.get("start")).longValue();
            long end = ((Number) range.get("end")).longValue();
            if (end <= start) {
                throw new QueryProblem("timeRanges: end " + end + " is not after start " + start);
            }
            ranges.add(new TimeRange(start, end));
        }
        ranges.sort(Comparator.comparingLong(TimeRange::start));
        List<TimeRange> merged = new ArrayList<>();
        for (TimeRange range : ranges) {
            TimeRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range.start() <= last.end()) {
                merged.set(merged.size() - 1, new TimeRange(last.start(), Math.max(last.end(), range.end())));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }

    /** A frame and its subtree as OAP's flat element list: ids numbered from 1 depth first, the root's parent "0". */
    private static void flatten(FlameNode node, String parentId, int[] nextId, boolean byDuration, boolean offCpu,
                                List<Map<String, Object>> elements) {
        String id = String.valueOf(nextId[0]++);
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("id", id);
        element.put("parentId", parentId);
        element.put("symbol", node.name());
        element.put("stackType", node.kernel() ? "KERNEL_SPACE" : "USER_SPACE");
        element.put("dumpCount", byDuration ? node.durationNs() : offCpu ? node.switches() : node.samples());
        elements.add(element);
        node.children().forEach(child -> flatten(child, id, nextId, byDuration, offCpu, elements));
    }
}

package io.groundstation.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.groundstation.policy.CheckItem;
import io.groundstation.policy.CheckerType;
import io.groundstation.policy.PolicyLimitReached;
import io.groundstation.policy.PolicyProblems;
import io.groundstation.policy.PolicyService;
import io.groundstation.task.ProfilingTarget;
import io.groundstation.registry.Ids;
import io.groundstation.registry.RegisteredProcess;
import io.groundstation.task.TaskQuery;
import io.groundstation.task.Tasks;
import io.groundstation.task.TriggerGovernor;
import io.groundstation.task.TriggerStats;
import io.groundstation.task.TriggerType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** continuous-profiling.graphqls over policies and triggered tasks. */
record ContinuousProfiling(PolicyService policies, Tasks tasks, TriggerGovernor triggers, MetadataQueries metadata) {

    void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("queryContinuousProfilingServiceTargets",
                        env -> serviceTargets(env.getArgument("serviceId")))
                .dataFetcher("queryContinuousProfilingMonitoringInstances", this::monitoringInstances));
        wiring.type("Mutation", type -> type.dataFetcher("setContinuousProfilingPolicy", this::setPolicy));
    }

    private List<Map<String, Object>> serviceTargets(String serviceId) {
        Optional<String> service = Ids.serviceName(serviceId);
        List<Map<String, Object>> targets = new ArrayList<>();
        service.flatMap(policies::get).ifPresent(stored -> stored.policy().targets().forEach((target, items) -> {
            TaskQuery triggered = new TaskQuery(service.get(), null, null, target, TriggerType.CONTINUOUS_PROFILING,
                    null, null, 0, 1);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("type", target.name());
            List<Map<String, Object>> checkItems = new ArrayList<>();
            items.forEach((checker, item) -> checkItems.add(checkItem(checker, item)));
            view.put("checkItems", checkItems);
            view.put("triggeredCount", (int) Math.min(Integer.MAX_VALUE, tasks.count(triggered)));
            view.put("lastTriggerTimestamp", tasks.tasks(triggered).stream().findFirst().map(t -> t.startTime())
                    .orElse(null));
            targets.add(view);
        }));
        return targets;
    }

    private static Map<String, Object> checkItem(CheckerType checker, CheckItem item) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", checker.name());
        view.put("threshold", item.threshold());
        view.put("period", item.period());
        view.put("count", item.count());
        view.put("uriList", item.uriList().isEmpty() ? null : item.uriList());
        view.put("uriRegex", item.uriRegex());
        return view;
    }

    /** The alive processes of the service that agents can profile, by instance, with their triggers of a target. */
    private List<Map<String, Object>> monitoringInstances(DataFetchingEnvironment env) {
        ProfilingTarget target = ProfilingTarget.valueOf(env.getArgument("target"));
        List<RegisteredProcess> processes = metadata.aliveProcesses(env.getArgument("serviceId")).stream()
                .filter(RegisteredProcess::ebpfSupported).toList();
        Map<String, TriggerStats> stats = triggers.triggerStats(processes.stream().map(RegisteredProcess::id).toList(),
                target);
        Map<String, List<RegisteredProcess>> byInstance = new TreeMap<>();
        processes.forEach(p -> byInstance.computeIfAbsent(p.entity().instanceName(), k -> new ArrayList<>()).add(p));
        List<Map<String, Object>> instances = new ArrayList<>();
        byInstance.forEach((instanceName, members) -> {
            long triggered = 0;
            Long last = null;
            List<Map<String, Object>> views = new ArrayList<>();
            for (RegisteredProcess process : members) {
                TriggerStats processStats = stats.get(process.id());
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("id", process.id());
                view.put("name", process.entity().processName());
                view.put("detectType", MetadataQueries.detectType(process.detectType()));
                view.put("labels", process.entity().labels());
                view.put("triggeredCount", processStats == null ? 0 : (int) processStats.tasks());
                view.put("lastTriggerTimestamp", processStats == null ? null : processStats.lastTriggeredAt());
                views.add(view);
                if (processStats != null) {
                    triggered += processStats.tasks();
                    last = last == null ? processStats.lastTriggeredAt()
                            : Math.max(last, processStats.lastTriggeredAt());
                }
            }
            Map<String, Object> instance = new LinkedHashMap<>();
            instance.put("id", Ids.instanceId(members.get(0).entity().serviceName(), instanceName));
            instance.put("name", instanceName);
            instance.put("attributes", List.of());
            instance.put("triggeredCount", (int) Math.min(Integer.MAX_VALUE, triggered));
            instance.put("lastTriggerTimestamp", last);
            instance.put("processes", views);
            instances.add(instance);
        });
        return instances;
    }

    /**
     * OAP's policy as the JSON API's: targets become keys, check items keyed by type. No targets at all is how OAP's
     * clients clear a policy.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> setPolicy(DataFetchingEnvironment env) {
        Admin.require(env);
        Map<String, Object> request = env.getArgument("request");
        Optional<String> service = Ids.serviceName((String) request.get("serviceId"));
        if (service.isEmpty()) {
            return MutationResult.of("no service with id " + request.get("serviceId"));
        }
        List<Map<String, Object>> targets = (List<Map<String, Object>>) request.get("targets");
        if (targets.isEmpty()) {
            policies.delete(service.get());
            return MutationResult.of(null);
        }
        Map<String, Object> policy = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> target : targets) {
            Map<String, Object> items = new LinkedHashMap<>();
            for (Map<String, Object> item : (List<Map<String, Object>>) target.get("checkItems")) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("threshold", item.get("threshold"));
                fields.put("period", item.get("period"));
                fields.put("count", item.get("count"));
                List<String> uriList = (List<String>) item.get("uriList");
                if (uriList != null && !uriList.isEmpty()) {
                    fields.put("uriList", uriList);
                }
                String uriRegex = (String) item.get("uriRegex");
                if (uriRegex != null && !uriRegex.isEmpty()) {
                    fields.put("uriRegex", uriRegex);
                }
                if (items.put((String) item.get("type"), fields) != null) {
                    problems.add(target.get("targetType") + "." + item.get("type") + ": given twice");
                }
            }
            if (policy.put((String) target.get("targetType"), items) != null) {
                problems.add(target.get("targetType") + ": given twice");
            }
        }
        if (!problems.isEmpty()) {
            return MutationResult.of(String.join("; ", problems));
        }
        try {
            policies.put(service.get(), policy);
            return MutationResult.of(null);
        } catch (PolicyProblems e) {
            return MutationResult.of(String.join("; ", e.problems()));
        } catch (PolicyLimitReached e) {
            return MutationResult.of(e.getMessage());
        }
    }
}

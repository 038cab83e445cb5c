package io.groundstation.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.groundstation.policy.PolicyJson;
import io.groundstation.policy.PolicyProblems;
import io.groundstation.policy.PolicyService;
import io.groundstation.policy.StoredPolicy;
import io.groundstation.registry.ProcessQuery;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.registry.ProcessState;
import io.groundstation.registry.RegisteredProcess;
import io.groundstation.task.TaskService;
import io.groundstation.task.TriggerRefusals;
import io.groundstation.task.TriggerStats;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Policies over HTTP: put, get, delete, list, and a policy's coverage of the fleet. */
public final class PolicyRoutes implements Routes {

    private static final int COVERAGE_LIMIT = 1000;

    private final PolicyService policies;
    private final ProcessRegistry registry;
    private final TaskService tasks;
    private final ObjectMapper json = HttpApi.jsonMapper();

    public PolicyRoutes(PolicyService policies, ProcessRegistry registry, TaskService tasks) {
        this.policies = policies;
        this.registry = registry;
        this.tasks = tasks;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/policies", ctx -> ctx.json(policies.list().stream().map(this::view).toList()));
        app.get("/api/policies/{service}", ctx -> ctx.json(view(existing(ctx))));
        app.put("/api/policies/{service}", this::put);
        app.delete("/api/policies/{service}", ctx -> {
            if (!policies.delete(ctx.pathParam("service"))) {
                throw ApiException.notFound("no policy for service " + ctx.pathParam("service"));
            }
            ctx.status(204);
        });
        app.get("/api/policies/{service}/coverage", this::coverage);
    }

    private void put(Context ctx) throws Exception {
        Map<?, ?> body = json.readValue(ctx.body(), Map.class);
        if (body == null || !body.containsKey("targets") || body.size() != 1) {
            throw new ApiException(400, "invalid policy", List.of("body: must be {\"targets\": {...}}"));
        }
        try {
            ctx.json(view(policies.put(ctx.pathParam("service"), body.get("targets"))));
        } catch (PolicyProblems e) {
            throw new ApiException(400, "invalid policy", e.problems());
        }
    }

    private StoredPolicy existing(Context ctx) {
        return policies.get(ctx.pathParam("service"))
                .orElseThrow(() -> ApiException.notFound("no policy for service " + ctx.pathParam("service")));
    }

    private Map<String, Object> view(StoredPolicy stored) throws RuntimeException {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("service", stored.policy().serviceName());
        view.put("version", stored.version());
        view.put("updatedAt", stored.updatedAt());
        try {
            view.put("targets", json.readValue(PolicyJson.canonical(stored.policy()), Map.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("canonical policy JSON is always readable", e);
        }
        return view;
    }

    /** The alive instances and processes a policy applies to, each with how often and when it last triggered. */
    private void coverage(Context ctx) {
        StoredPolicy stored = existing(ctx);
        String service = stored.policy().serviceName();
        List<RegisteredProcess> alive = registry.processes(new ProcessQuery(service, null, ProcessState.ALIVE, 0,
                COVERAGE_LIMIT));
        Map<String, TriggerStats> stats = tasks.triggerStats(alive.stream().map(RegisteredProcess::id).toList());
        Map<String, List<Map<String, Object>>> instances = new TreeMap<>();
        for (RegisteredProcess process : alive) {
            TriggerStats triggered = stats.get(process.id());
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", process.id());
            view.put("name", process.entity().processName());
            view.put("ebpfProfilingSupported", process.ebpfSupported());
            view.put("triggers", triggered == null ? 0 : triggered.tasks());
            view.put("repeatedReports", triggered == null ? 0 : triggered.repeats());
            view.put("lastTriggeredAt", triggered == null ? null : triggered.lastTriggeredAt());
            instances.computeIfAbsent(process.entity().instanceName(), k -> new ArrayList<>()).add(view);
        }
        TriggerRefusals refusals = tasks.refusals(service);
        Map<String, Object> coverage = new LinkedHashMap<>();
        coverage.put("service", service);
        coverage.put("version", stored.version());
        coverage.put("refusedTriggers", refusals.count());
        coverage.put("lastRefusedAt", refusals.count() == 0 ? null : refusals.lastRefusedAt());
        coverage.put("instances", instances.entrySet().stream()
                .map(e -> Map.of("name", e.getKey(), "processes", e.getValue())).toList());
        ctx.json(coverage);
    }
}

package io.groundstation.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.groundstation.backtest.BacktestResult;
import io.groundstation.backtest.PolicyBacktest;
import io.groundstation.meter.ContinuousMetrics;
import io.groundstation.meter.LatestValue;
import io.groundstation.policy.Policy;
import io.groundstation.policy.PolicyJson;
import io.groundstation.policy.PolicyLimitReached;
import io.groundstation.policy.PolicyProblems;
import io.groundstation.policy.PolicyService;
import io.groundstation.policy.Rollout;
import io.groundstation.policy.StoredPolicy;
import io.groundstation.registry.ProcessQuery;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.registry.ProcessState;
import io.groundstation.registry.RegisteredProcess;
import io.groundstation.task.TriggerGovernor;
import io.groundstation.task.TriggerRefusals;
import io.groundstation.task.TriggerStats;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Policies over HTTP: put, get, delete, list, and a policy's coverage of the fleet. */
public final class PolicyRoutes implements Routes {

    private static final int COVERAGE_LIMIT = 1000;

    /** How recent a metric value must be to be shown next to a threshold: a few of the agent's 5-s checks. */
    private static final Duration LATEST_WITHIN = Duration.ofMinutes(1);
    private static final int MAX_BACKTEST_HOURS = 24;

    private final PolicyService policies;
    private final ProcessRegistry registry;
    private final TriggerGovernor triggers;
    private final ContinuousMetrics meters;
    private final PolicyBacktest backtest;
    private final ObjectMapper json = HttpApi.jsonMapper();

    public PolicyRoutes(PolicyService policies, ProcessRegistry registry, TriggerGovernor triggers,
                        ContinuousMetrics meters, PolicyBacktest backtest) {
        this.policies = policies;
        this.registry = registry;
        this.triggers = triggers;
        this.meters = meters;
        this.backtest = backtest;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/policies", ctx -> ctx.json(policies.list().stream().map(PolicyRoutes::view).toList()));
        app.get("/api/policies/{service}", ctx -> ctx.json(view(existing(ctx))));
        app.put("/api/policies/{service}", this::put);
        app.delete("/api/policies/{service}", ctx -> {
            if (!policies.delete(ctx.pathParam("service"))) {
                throw ApiException.notFound("no policy for service " + ctx.pathParam("service"));
            }
            ctx.status(204);
        });
        app.get("/api/policies/{service}/coverage", this::coverage);
        app.get("/api/policies/{service}/rollout", ctx -> ctx.json(rollout(policies.rollout(ctx.pathParam("service")))));
        app.post("/api/policies/{service}/backtest", this::backtest);
    }

    private static Map<String, Object> rollout(Rollout rollout) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", rollout.version());
        view.put("current", rollout.current());
        view.put("stale", rollout.stale());
        view.put("agents", rollout.agents().stream().map(a -> {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("agent", a.agentId());
            agent.put("holds", a.holds());
            agent.put("lastPolledAt", a.lastPolledAt());
            return agent;
        }).toList());
        return view;
    }

    /** The body of a backtest: a draft policy's targets and how to replay it. */
    record BacktestRequest(Map<String, Object> targets, Integer hours, Integer taskDurationSeconds,
                           Integer cooldownSeconds) {
    }

    private void backtest(Context ctx) throws Exception {
        BacktestRequest request = JsonBody.read(ctx, json, BacktestRequest.class);
        int hours = request.hours() == null ? 6 : request.hours();
        int taskSeconds = request.taskDurationSeconds() == null ? 600 : request.taskDurationSeconds();
        int cooldownSeconds = request.cooldownSeconds() == null ? 1200 : request.cooldownSeconds();
        if (hours < 1 || hours > MAX_BACKTEST_HOURS || taskSeconds < 1 || cooldownSeconds < 0) {
            throw ApiException.badRequest("hours must be in 1.." + MAX_BACKTEST_HOURS
                    + ", taskDurationSeconds positive, cooldownSeconds not negative");
        }
        Policy draft;
        try {
            draft = policies.draft(ctx.pathParam("service"), request.targets());
        } catch (PolicyProblems e) {
            throw new ApiException(400, "invalid policy", e.problems());
        }
        BacktestResult result = backtest.run(draft, Duration.ofHours(hours), Duration.ofSeconds(taskSeconds),
                Duration.ofSeconds(cooldownSeconds));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("estimate", true);
        view.put("method", result.method());
        view.put("from", result.from());
        view.put("to", result.to());
        view.put("processesWithData", result.processes());
        view.put("pointsRead", result.pointsRead());
        view.put("truncated", result.truncated());
        view.put("triggerCount", result.triggers().size());
        view.put("triggers", result.triggers().stream().map(t -> {
            Map<String, Object> trigger = new LinkedHashMap<>();
            trigger.put("processId", t.processId());
            registry.process(t.processId()).ifPresent(p -> {
                trigger.put("instance", p.entity().instanceName());
                trigger.put("process", p.entity().processName());
            });
            trigger.put("target", t.target());
            trigger.put("firedAt", t.firedAt());
            trigger.put("items", t.items());
            return trigger;
        }).toList());
        ctx.json(view);
    }

    private void put(Context ctx) throws Exception {
        Map<?, ?> body = JsonBody.read(ctx, json, Map.class);
        if (!body.containsKey("targets") || body.size() != 1) {
            throw new ApiException(400, "invalid policy", List.of("body: must be {\"targets\": {...}}"));
        }
        try {
            ctx.json(view(policies.put(ctx.pathParam("service"), body.get("targets"))));
        } catch (PolicyProblems e) {
            throw new ApiException(400, "invalid policy", e.problems());
        } catch (PolicyLimitReached e) {
            throw new ApiException(409, "too many policies", List.of(e.getMessage()));
        }
    }

    private StoredPolicy existing(Context ctx) {
        return policies.get(ctx.pathParam("service"))
                .orElseThrow(() -> ApiException.notFound("no policy for service " + ctx.pathParam("service")));
    }

    /** The targets in the API's spelling, written into the answer as they are: not parsed again. */
    private static Map<String, Object> view(StoredPolicy stored) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("service", stored.policy().serviceName());
        view.put("version", stored.version());
        view.put("updatedAt", stored.updatedAt());
        view.put("targets", new RawValue(PolicyJson.api(stored.policy())));
        return view;
    }

    /** The alive instances and processes a policy applies to, each with how often and when it last triggered. */
    private void coverage(Context ctx) {
        StoredPolicy stored = existing(ctx);
        String service = stored.policy().serviceName();
        List<RegisteredProcess> alive = registry.processes(new ProcessQuery(service, null, ProcessState.ALIVE, 0,
                COVERAGE_LIMIT));
        List<String> ids = alive.stream().map(RegisteredProcess::id).toList();
        Map<String, TriggerStats> stats = triggers.triggerStats(ids);
        Map<String, List<LatestValue>> latest = meters.latest(ids, LATEST_WITHIN);
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
            view.put("latest", latest.getOrDefault(process.id(), List.of()).stream().map(v -> Map.of(
                    "metric", v.metric().name(), "uri", v.uri() == null ? "" : v.uri(), "value", v.value(),
                    "timestamp", v.timestamp())).toList());
            instances.computeIfAbsent(process.entity().instanceName(), k -> new ArrayList<>()).add(view);
        }
        TriggerRefusals refusals = triggers.refusals(service);
        Map<String, Object> coverage = new LinkedHashMap<>();
        coverage.put("service", service);
        coverage.put("version", stored.version());
        coverage.put("targets", view(stored).get("targets"));
        coverage.put("refusedTriggers", refusals.count());
        coverage.put("lastRefusedAt", refusals.count() == 0 ? null : refusals.lastRefusedAt());
        coverage.put("instances", instances.entrySet().stream()
                .map(e -> Map.of("name", e.getKey(), "processes", e.getValue())).toList());
        ctx.json(coverage);
    }
}

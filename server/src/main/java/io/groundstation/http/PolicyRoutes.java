package io.groundstation.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.groundstation.backtest.BacktestResult;
import io.groundstation.backtest.PolicyBacktest;
import io.groundstation.backtest.Replay;
import io.groundstation.meter.ContinuousMetric;
import io.groundstation.policy.CheckerType;
import io.groundstation.policy.PolicyCoverage;
import io.groundstation.policy.PolicyJson;
import io.groundstation.policy.PolicyService;
import io.groundstation.policy.Rollout;
import io.groundstation.policy.StoredPolicy;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.registry.RegisteredProcess;
import io.groundstation.task.ProfilingTarget;
import io.groundstation.task.TriggerStats;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Policies over HTTP: put, get, delete, list, and a policy's coverage of the fleet. */
public record PolicyRoutes(PolicyService policies, ProcessRegistry registry, PolicyCoverage coverage,
                           PolicyBacktest backtest) implements Routes {

    /** What a policy may say, for the console's editor and charts: so they repeat none of it. */
    private static final Map<String, Object> VOCABULARY = Map.of(
            "targets", List.of(ProfilingTarget.values()),
            "checkers", Arrays.stream(CheckerType.values()).map(Checker::new).toList());

    /** A checker as the vocabulary names it; metric and title: the series it is evaluated on (GET .../metrics). */
    private record Checker(String name, String title, String metric, String unit, String symbol, boolean http,
                           boolean integerThreshold, boolean percentage) {

        Checker(CheckerType type) {
            this(type, PolicyBacktest.metricOf(type));
        }

        Checker(CheckerType type, ContinuousMetric metric) {
            this(type.name(), metric.title(), metric.key(), type.threshold().unit(), type.threshold().symbol(),
                    type.http(), type.threshold().integer(), type.threshold().percentage());
        }
    }

    private static final ObjectMapper JSON = HttpApi.jsonMapper();

    @Override
    public void register(Javalin app) {
        app.get("/api/policies", ctx -> ctx.json(policies.list().stream().map(PolicyRoutes::view).toList()));
        app.get("/api/policy-vocabulary", ctx -> ctx.json(VOCABULARY));
        app.get("/api/policies/{service}", ctx -> ctx.json(view(existing(ctx))));
        app.put("/api/policies/{service}", this::put);
        app.delete("/api/policies/{service}", ctx -> {
            if (!policies.delete(ctx.pathParam("service"))) {
                throw noPolicy(ctx);
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
        BacktestRequest request = JsonBody.read(ctx, JSON, BacktestRequest.class);
        Replay replay = Replay.of(request.hours(), request.taskDurationSeconds(), request.cooldownSeconds());
        BacktestResult result = backtest.run(policies.draft(ctx.pathParam("service"), request.targets()), replay);
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
        Map<?, ?> body = JsonBody.read(ctx, JSON, Map.class);
        if (!body.containsKey("targets") || body.size() != 1) {
            throw new ApiException(400, "invalid policy", List.of("body: must be {\"targets\": {...}}"));
        }
        ctx.json(view(policies.put(ctx.pathParam("service"), body.get("targets"))));
    }

    private StoredPolicy existing(Context ctx) {
        return policies.get(ctx.pathParam("service")).orElseThrow(() -> noPolicy(ctx));
    }

    private static ApiException noPolicy(Context ctx) {
        return ApiException.notFound("no policy for service " + ctx.pathParam("service"));
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
        PolicyCoverage.Coverage covered = coverage.of(ctx.pathParam("service")).orElseThrow(() -> noPolicy(ctx));
        StoredPolicy stored = covered.policy();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("service", stored.policy().serviceName());
        view.put("version", stored.version());
        view.put("targets", view(stored).get("targets"));
        view.put("refusedTriggers", covered.refusals().count());
        view.put("lastRefusedAt", covered.refusals().count() == 0 ? null : covered.refusals().lastRefusedAt());
        view.put("instances", covered.instances().entrySet().stream().map(e -> Map.of("name", e.getKey(),
                "processes", e.getValue().stream().map(PolicyRoutes::view).toList())).toList());
        ctx.json(view);
    }

    private static Map<String, Object> view(PolicyCoverage.CoveredProcess covered) {
        RegisteredProcess process = covered.process();
        TriggerStats triggered = covered.triggered();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", process.id());
        view.put("name", process.entity().processName());
        view.put("ebpfProfilingSupported", process.ebpfSupported());
        view.put("triggers", triggered.tasks());
        view.put("repeatedReports", triggered.repeats());
        view.put("lastTriggeredAt", triggered.tasks() == 0 ? null : triggered.lastTriggeredAt());
        view.put("latest", covered.latest().stream().map(v -> Map.of("metric", v.metric().name(),
                "uri", v.uri() == null ? "" : v.uri(), "value", v.value(), "timestamp", v.timestamp())).toList());
        return view;
    }
}

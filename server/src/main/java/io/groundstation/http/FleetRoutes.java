package io.groundstation.http;

import io.groundstation.policy.PolicyService;
import io.groundstation.profile.ProcessData;
import io.groundstation.profile.ProfileService;
import io.groundstation.registry.AgentCounts;
import io.groundstation.registry.ProcessQuery;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.registry.ProcessState;
import io.groundstation.registry.ServiceQuery;
import io.groundstation.registry.ServiceSummary;
import io.groundstation.task.ProfilingTask;
import io.groundstation.task.TaskQuery;
import io.groundstation.task.Tasks;
import io.groundstation.task.TriggerGovernor;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fleet at a glance (totals, what policies triggered lately) and the services list paged by the database. */
public final class FleetRoutes implements Routes {

    private static final int HOURS = 24;
    private static final int TOP_SERVICES = 10;
    private static final int LATEST_TASKS = 10;

    private final ProcessRegistry registry;
    private final PolicyService policies;
    private final Tasks tasks;
    private final TriggerGovernor triggers;
    private final ProfileService profiles;

    public FleetRoutes(ProcessRegistry registry, PolicyService policies, Tasks tasks, TriggerGovernor triggers,
                       ProfileService profiles) {
        this.registry = registry;
        this.policies = policies;
        this.tasks = tasks;
        this.triggers = triggers;
        this.profiles = profiles;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/fleet", this::overview);
        app.get("/api/fleet/services", this::services);
    }

    private void overview(Context ctx) {
        AgentCounts agents = registry.agentCounts();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("agents", Map.of("alive", agents.alive(), "dead", agents.dead()));
        view.put("processes", Map.of("alive", processes(ProcessState.ALIVE), "dead", processes(ProcessState.DEAD)));
        view.put("services", registry.countServices(null));
        view.put("policies", policies.list().size());
        view.put("runningTasks", tasks.countRunning());
        view.put("triggeredPerHour", triggers.triggeredPerHour(HOURS).stream()
                .map(c -> Map.of("hour", c.key(), "tasks", c.tasks())).toList());
        view.put("mostTriggered", triggers.mostTriggered(HOURS, TOP_SERVICES).stream()
                .map(c -> Map.of("service", c.key(), "tasks", c.tasks())).toList());
        List<ProfilingTask> latest = tasks.tasks(new TaskQuery(null, null, null, null, null, null, null, 0,
                LATEST_TASKS));
        Map<String, List<ProcessData>> data = profiles.dataOf(latest.stream().map(ProfilingTask::id).toList());
        view.put("latestTasks", latest.stream().map(t -> TaskRoutes.view(t, data.getOrDefault(t.id(), List.of())))
                .toList());
        ctx.json(view);
    }

    private long processes(ProcessState state) {
        return registry.countProcesses(new ProcessQuery(null, null, state, 0, 1));
    }

    private void services(Context ctx) {
        String search = ctx.queryParam("q");
        search = search == null || search.isBlank() ? null : search.trim();
        // sort=alive ascending, sort=-alive descending
        String sort = ctx.queryParam("sort");
        boolean descending = sort != null && sort.startsWith("-");
        ServiceQuery query = new ServiceQuery(search, Params.enumValue("sort", descending ? sort.substring(1) : sort,
                ServiceQuery.ServiceOrder.class, ServiceQuery.ServiceOrder.NAME), descending,
                Params.offset(ctx), Params.limit(ctx));
        List<ServiceSummary> page = registry.services(query);
        ctx.json(new Page<>(page, registry.countServices(search), query.offset(), query.limit()));
    }
}

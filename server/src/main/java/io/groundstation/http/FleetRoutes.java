package io.groundstation.http;

import io.groundstation.fleet.FleetOverview;
import io.groundstation.policy.PolicyService;
import io.groundstation.profile.ProfileService;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.registry.ServiceQuery;
import io.groundstation.registry.ServiceSummary;
import io.groundstation.task.Tasks;
import io.groundstation.task.TriggerGovernor;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fleet at a glance ({@link FleetOverview}) and the services list paged by the database. */
public record FleetRoutes(ProcessRegistry registry, PolicyService policies, Tasks tasks, TriggerGovernor triggers,
                          ProfileService profiles) implements Routes {

    @Override
    public void register(Javalin app) {
        app.get("/api/fleet", this::overview);
        app.get("/api/fleet/services", this::services);
    }

    private void overview(Context ctx) {
        FleetOverview fleet = FleetOverview.read(registry, policies, tasks, triggers, profiles);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("agents", Map.of("alive", fleet.agents().alive(), "dead", fleet.agents().dead()));
        view.put("processes", Map.of("alive", fleet.aliveProcesses(), "dead", fleet.deadProcesses()));
        view.put("services", fleet.services());
        view.put("policies", fleet.policies());
        view.put("runningTasks", fleet.runningTasks());
        view.put("triggeredPerHour", fleet.triggeredPerHour().stream()
                .map(c -> Map.of("hour", c.key(), "tasks", c.tasks())).toList());
        view.put("mostTriggered", fleet.mostTriggered().stream()
                .map(c -> Map.of("service", c.key(), "tasks", c.tasks())).toList());
        view.put("latestTasks", fleet.latestTasks().stream()
                .map(t -> TaskView.of(t, fleet.latestData())).toList());
        ctx.json(view);
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

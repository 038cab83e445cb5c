package io.groundstation.http;

import io.groundstation.registry.Agent;
import io.groundstation.registry.Ids;
import io.groundstation.registry.ProcessQuery;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.registry.ProcessState;
import io.groundstation.registry.RegisteredProcess;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read API over the process registry: services, instances, processes and agents. */
public record RegistryRoutes(ProcessRegistry registry) implements Routes {

    @Override
    public void register(Javalin app) {
        app.get("/api/services", ctx -> ctx.json(registry.services()));
        app.get("/api/services/{service}/instances", ctx -> ctx.json(registry.instances(ctx.pathParam("service"))));
        app.get("/api/processes", this::processes);
        app.get("/api/processes/{id}", ctx -> ctx.json(view(registry.process(ctx.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("no process with id " + ctx.pathParam("id"))))));
        app.get("/api/agents", ctx -> {
            List<Agent> agents = registry.agents(Params.offset(ctx), Params.limit(ctx));
            ctx.json(agents.stream().map(this::view).toList());
        });
    }

    private void processes(Context ctx) {
        ProcessQuery query = new ProcessQuery(ctx.queryParam("service"), ctx.queryParam("instance"),
                Params.enumValue(ctx, "state", ProcessState.class, ProcessState.ALL),
                Params.offset(ctx), Params.limit(ctx));
        if (query.instanceName() != null && query.serviceName() == null) {
            throw ApiException.badRequest("instance filter needs the service parameter too");
        }
        List<Map<String, Object>> items = registry.processes(query).stream().map(this::view).toList();
        ctx.json(new Page<>(items, registry.countProcesses(query), query.offset(), query.limit()));
    }

    private Map<String, Object> view(RegisteredProcess p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", p.id());
        view.put("layer", p.entity().layer());
        view.put("service", p.entity().serviceName());
        view.put("serviceId", Ids.serviceId(p.entity().serviceName()));
        view.put("instance", p.entity().instanceName());
        view.put("instanceId", Ids.instanceId(p.entity().serviceName(), p.entity().instanceName()));
        view.put("name", p.entity().processName());
        view.put("labels", p.entity().labels());
        view.put("properties", p.properties());
        view.put("detectType", p.detectType());
        view.put("pid", p.pid());
        view.put("agentId", p.agentId());
        view.put("ebpfProfilingSupported", p.ebpfSupported());
        view.put("state", registry.liveness().stateOf(p.lastSeen()));
        view.put("firstSeen", p.firstSeen());
        view.put("lastSeen", p.lastSeen());
        return view;
    }

    private Map<String, Object> view(Agent agent) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", agent.id());
        view.put("state", registry.liveness().stateOf(agent.lastSeen()));
        view.put("aliveProcesses", agent.processCount());
        view.put("firstSeen", agent.firstSeen());
        view.put("lastSeen", agent.lastSeen());
        return view;
    }
}

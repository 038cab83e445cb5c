package io.groundstation.http;

import io.groundstation.policy.ProfilingTarget;
import io.groundstation.task.ProfilingTask;
import io.groundstation.task.TaskQuery;
import io.groundstation.task.TaskService;
import io.groundstation.task.TriggerType;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** Profiling tasks over HTTP: filtered, paged listings and one task with its causes. */
public final class TaskRoutes implements Routes {

    private final TaskService tasks;

    public TaskRoutes(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/tasks", this::list);
        app.get("/api/tasks/{id}", ctx -> ctx.json(view(tasks.task(ctx.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("no task with id " + ctx.pathParam("id"))))));
    }

    private void list(Context ctx) {
        TaskQuery query = new TaskQuery(ctx.queryParam("service"), ctx.queryParam("instance"),
                ctx.queryParam("process"), Params.enumValue(ctx, "target", ProfilingTarget.class, null),
                Params.enumValue(ctx, "trigger", TriggerType.class, null), Params.epochMillis(ctx, "from"),
                Params.epochMillis(ctx, "to"), Params.offset(ctx), Params.limit(ctx));
        ctx.json(new Page<>(tasks.tasks(query).stream().map(TaskRoutes::view).toList(), tasks.count(query),
                query.offset(), query.limit()));
    }

    static Map<String, Object> view(ProfilingTask task) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", task.id());
        view.put("trigger", task.trigger());
        view.put("target", task.target());
        view.put("service", task.serviceName());
        view.put("instance", task.instanceName());
        view.put("process", task.processName());
        view.put("processIds", task.processIds());
        view.put("startTime", task.startTime());
        view.put("durationSeconds", task.durationSeconds());
        view.put("endTime", task.endTime());
        view.put("createdAt", task.createdAt());
        view.put("updateTime", task.updateTime());
        view.put("causes", task.causes());
        view.put("causeMessage", task.causeMessage());
        view.put("samplingUriRegexes", task.samplingUriRegexes());
        view.put("repeatedReports", task.repeats());
        view.put("stoppedAt", task.stoppedAt());
        return view;
    }
}

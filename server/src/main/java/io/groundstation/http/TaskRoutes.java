package io.groundstation.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.groundstation.task.ProfilingTarget;
import io.groundstation.profile.ProcessData;
import io.groundstation.profile.ProfileService;
import io.groundstation.task.FixedTimeRequest;
import io.groundstation.task.NetworkSampling;
import io.groundstation.task.ProfilingTask;
import io.groundstation.task.TaskQuery;
import io.groundstation.task.OnDemandPlanner;
import io.groundstation.task.Tasks;
import io.groundstation.task.TriggerType;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Profiling tasks over HTTP: listings (with what data arrived), one task, starting and stopping on-demand tasks,
 * and the profile of a task as a flame graph, folded text or pprof.
 */
public record TaskRoutes(Tasks tasks, OnDemandPlanner onDemand, ProfileService profiles) implements Routes {

    private static final ObjectMapper JSON = HttpApi.jsonMapper();

    /** The body of POST /api/tasks. */
    record StartRequest(String service, ProfilingTarget target, List<String> processIds, List<String> labels,
                        String instance, Long startTime, Integer durationSeconds, List<Sampling> samplings) {
    }

    /** One NETWORK sampling rule in POST /api/tasks. */
    record Sampling(String uriRegex, Integer minDurationMillis, Boolean when4xx, Boolean when5xx,
                    Boolean requireCompleteRequest, Integer maxRequestSize, Boolean requireCompleteResponse,
                    Integer maxResponseSize) {
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/tasks", this::list);
        app.post("/api/tasks", this::start);
        app.get("/api/tasks/{id}", ctx -> ctx.json(view(existing(ctx))));
        app.post("/api/tasks/{id}/stop", ctx -> ctx.json(view(onDemand.stop(ctx.pathParam("id"))
                .orElseThrow(() -> new ApiException(409, "task " + ctx.pathParam("id")
                        + " is not a running on-demand task")))));
        app.get("/api/tasks/{id}/profile/flamegraph", ctx -> ctx.json(profiles.flameGraph(profile(ctx))));
        app.get("/api/tasks/{id}/profile/folded", ctx -> ctx.contentType("text/plain; charset=utf-8")
                .result(profiles.folded(profile(ctx))));
        app.get("/api/tasks/{id}/profile/pprof", ctx -> ctx.contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"" + ctx.pathParam("id") + ".pb.gz\"")
                .result(profiles.pprof(profile(ctx))));
        app.get("/api/profiles/diff", this::diff);
    }

    /** ?base=&compare= task ids, each side optionally narrowed by baseProcess/baseFrom/baseTo (compare...). */
    private void diff(Context ctx) {
        ProfileService.Read base = side(ctx, "base");
        ProfileService.Read compare = side(ctx, "compare");
        ctx.json(profiles.diff(base, compare));
    }

    private ProfileService.Read side(Context ctx, String side) {
        String id = ctx.queryParam(side);
        if (id == null || id.isBlank()) {
            throw ApiException.badRequest(side + " must name a task id");
        }
        return profiles.read(id, ctx.queryParam(side + "Process"), Params.epochMillis(ctx, side + "From"),
                        Params.epochMillis(ctx, side + "To"))
                .orElseThrow(() -> ApiException.notFound("no task with id " + id + " (" + side + ")"));
    }

    private void list(Context ctx) {
        TaskQuery query = new TaskQuery(ctx.queryParam("service"), ctx.queryParam("instance"),
                ctx.queryParam("process"), Params.enumValue(ctx, "target", ProfilingTarget.class, null),
                Params.enumValue(ctx, "trigger", TriggerType.class, null), Params.epochMillis(ctx, "from"),
                Params.epochMillis(ctx, "to"), Params.offset(ctx), Params.limit(ctx));
        List<ProfilingTask> page = tasks.tasks(query);
        Map<String, List<ProcessData>> data = profiles.dataOf(page.stream().map(ProfilingTask::id).toList());
        ctx.json(new Page<>(page.stream().map(t -> TaskView.of(t, data)).toList(),
                tasks.count(query), query.offset(), query.limit()));
    }

    private void start(Context ctx) throws Exception {
        StartRequest body = JsonBody.read(ctx, JSON, StartRequest.class);
        // The domain's lists hold no nulls; a null entry in the JSON is the client's mistake to name.
        List<String> problems = new ArrayList<>();
        List<String> processIds = entries("processIds", body.processIds(), problems);
        List<String> labels = entries("labels", body.labels(), problems);
        List<Sampling> samplingRules = entries("samplings", body.samplings(), problems);
        if (!problems.isEmpty()) {
            throw new ApiException(400, "invalid task request", problems);
        }
        List<NetworkSampling> samplings = samplingRules.stream()
                .map(s -> NetworkSampling.withDefaults(s.uriRegex(), s.minDurationMillis(), s.when4xx(), s.when5xx(),
                        s.requireCompleteRequest(), s.maxRequestSize(), s.requireCompleteResponse(),
                        s.maxResponseSize()))
                .toList();
        FixedTimeRequest request = new FixedTimeRequest(body.service(), body.target(), processIds, labels,
                body.instance(), body.startTime(), body.durationSeconds() == null ? 0 : body.durationSeconds(),
                samplings, false);
        List<ProfilingTask> started = onDemand.startFixedTime(request);
        ctx.status(201).json(Map.of("tasks", started.stream().map(this::view).toList()));
    }

    private static <T> List<T> entries(String field, List<T> values, List<String> problems) {
        if (values == null) {
            return List.of();
        }
        if (values.contains(null)) {
            problems.add(field + ": entries must not be null");
            return List.of();
        }
        return values;
    }

    private ProfilingTask existing(Context ctx) {
        return tasks.task(ctx.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("no task with id " + ctx.pathParam("id")));
    }

    private ProfileService.Read profile(Context ctx) {
        return profiles.read(ctx.pathParam("id"), ctx.queryParam("process"), Params.epochMillis(ctx, "from"),
                        Params.epochMillis(ctx, "to"))
                .orElseThrow(() -> ApiException.notFound("no task with id " + ctx.pathParam("id")));
    }

    private TaskView view(ProfilingTask task) {
        return TaskView.of(task, profiles.dataOf(List.of(task.id())));
    }
}

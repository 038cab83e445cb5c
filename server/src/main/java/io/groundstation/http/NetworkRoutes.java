package io.groundstation.http;

import io.groundstation.network.NetworkResults;
import io.groundstation.network.Sample;
import io.groundstation.network.SampleQuery;
import io.groundstation.network.StoredEvent;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a NETWORK task found, over HTTP: its topology, its sampled requests, and one sampled request with the
 * captured content (which needs the admin token when one is set: bodies can hold personal data).
 */
public record NetworkRoutes(NetworkResults network) implements Routes {

    /** A span-attached event of a sampled trace. */
    private record EventView(String event, long startTime, long endTime, String content, long contentBytes,
                             boolean contentTruncated, boolean contentDropped, String processId, String segmentId,
                             String spanId, Map<String, String> tags) {

        static EventView of(StoredEvent event) {
            return new EventView(event.name(), event.startTime(), event.endTime(), event.content(),
                    event.contentBytes(), event.contentTruncated(), event.contentDropped(), event.processId(),
                    event.segmentId(), event.spanId(), event.tags());
        }
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/tasks/{id}/network/topology", ctx -> ctx.json(network.topology(ctx.pathParam("id"),
                        Params.epochMillis(ctx, "from"), Params.epochMillis(ctx, "to"))
                .orElseThrow(() -> noTask(ctx))));
        app.get("/api/tasks/{id}/network/samples", this::samples);
        app.get("/api/tasks/{id}/network/samples/{traceId}", this::trace, AdminRead.REQUIRED);
    }

    private void samples(Context ctx) {
        SampleQuery query = new SampleQuery(blankToNull(ctx.queryParam("reason")), blankToNull(ctx.queryParam("uri")),
                ctx.queryParam("status") == null || ctx.queryParam("status").isBlank() ? null
                        : Params.integer(ctx, "status", 0, 0, 999),
                Params.epochMillis(ctx, "from"), Params.epochMillis(ctx, "to"), Params.offset(ctx),
                Params.limit(ctx));
        NetworkResults.Samples samples = network.samples(ctx.pathParam("id"), query)
                .orElseThrow(() -> noTask(ctx));
        ctx.json(new Page<>(samples.items().stream().map(NetworkRoutes::view).toList(), samples.total(),
                query.offset(), query.limit()));
    }

    private void trace(Context ctx) {
        NetworkResults.Trace trace = network.trace(ctx.pathParam("id"), ctx.pathParam("traceId"))
                .orElseThrow(() -> ApiException.notFound("task " + ctx.pathParam("id") + " has no sample of trace "
                        + ctx.pathParam("traceId")));
        Map<String, Object> view = trace.samples().isEmpty() ? new LinkedHashMap<>(Map.of("traceId",
                ctx.pathParam("traceId"))) : view(trace.samples().get(0));
        view.put("samples", trace.samples().stream().map(NetworkRoutes::view).toList());
        view.put("events", trace.events().stream().map(EventView::of).toList());
        ctx.json(view);
    }

    private static ApiException noTask(Context ctx) {
        return ApiException.notFound("no task with id " + ctx.pathParam("id"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static Map<String, Object> view(Sample sample) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("traceId", sample.trace().traceId());
        view.put("uri", sample.trace().uri());
        view.put("reason", sample.trace().reason());
        view.put("latencyMs", sample.trace().latencyMs());
        view.put("status", sample.trace().status());
        view.put("time", sample.trace().time());
        view.put("processId", sample.processId());
        view.put("detectPoint", sample.trace().detectPoint());
        view.put("traceProvider", sample.trace().traceProvider());
        view.put("component", sample.trace().component());
        view.put("ssl", sample.trace().ssl());
        view.put("clientProcess", sample.trace().client());
        view.put("serverProcess", sample.trace().server());
        return view;
    }
}

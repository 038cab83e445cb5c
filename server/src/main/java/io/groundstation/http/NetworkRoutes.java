package io.groundstation.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.groundstation.network.Endpoint;
import io.groundstation.network.NetworkResults;
import io.groundstation.network.ReportedTrace;
import io.groundstation.network.Sample;
import io.groundstation.network.SampleQuery;
import io.groundstation.network.StoredEvent;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * What a NETWORK task found, over HTTP: its topology, its sampled requests, and one sampled request with the
 * captured content (which needs the admin token when one is set: bodies can hold personal data).
 */
public record NetworkRoutes(NetworkResults network) implements Routes {

    /** One sampled request, as seen at one end. */
    private record SampleView(String traceId, String uri, String reason, long latencyMs, int status, long time,
                              String processId, String detectPoint, String traceProvider, String component,
                              boolean ssl, Endpoint clientProcess, Endpoint serverProcess) {

        static SampleView of(Sample sample) {
            ReportedTrace trace = sample.trace();
            return new SampleView(trace.traceId(), trace.uri(), trace.reason(), trace.latencyMs(), trace.status(),
                    trace.time(), sample.processId(), trace.detectPoint(), trace.traceProvider(), trace.component(),
                    trace.ssl(), trace.client(), trace.server());
        }
    }

    /** A sampled trace: its first sample's fields at the top level, then each of its samples and its events. */
    private record TraceView(@JsonUnwrapped SampleView first, List<SampleView> samples, List<EventView> events) {
    }

    /** A trace with events but no sample stored under the task (they come on separate streams): just its id. */
    private record EventsOnlyView(String traceId, List<SampleView> samples, List<EventView> events) {
    }

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
        ctx.json(new Page<>(samples.items().stream().map(SampleView::of).toList(), samples.total(),
                query.offset(), query.limit()));
    }

    private void trace(Context ctx) {
        String traceId = ctx.pathParam("traceId");
        NetworkResults.Trace trace = network.trace(ctx.pathParam("id"), traceId)
                .orElseThrow(() -> ApiException.notFound("task " + ctx.pathParam("id") + " has no sample of trace "
                        + traceId));
        List<SampleView> samples = trace.samples().stream().map(SampleView::of).toList();
        List<EventView> events = trace.events().stream().map(EventView::of).toList();
        ctx.json(samples.isEmpty() ? new EventsOnlyView(traceId, samples, events)
                : new TraceView(samples.get(0), samples, events));
    }

    private static ApiException noTask(Context ctx) {
        return ApiException.notFound("no task with id " + ctx.pathParam("id"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}

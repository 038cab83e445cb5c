package io.groundstation.http;

import io.groundstation.meter.ContinuousMetric;
import io.groundstation.meter.ContinuousMetrics;
import io.groundstation.meter.ProcessSeries;
import io.groundstation.meter.Series;
import io.groundstation.meter.SeriesQuery;
import io.groundstation.meter.SeriesResult;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Read API over the stored continuous-profiling metrics of a process or of every process of a service. */
public record MeterRoutes(ContinuousMetrics meters, Clock clock) implements Routes {

    static final long DEFAULT_RANGE_MILLIS = Duration.ofHours(1).toMillis();
    static final int DEFAULT_POINTS = 10_000;
    static final int MAX_POINTS = 100_000;

    @Override
    public void register(Javalin app) {
        app.get("/api/processes/{id}/metrics", ctx -> {
            SeriesQuery query = query(ctx);
            SeriesResult result = meters.ofProcess(ctx.pathParam("id"), query);
            Map<String, Object> body = header("processId", ctx.pathParam("id"), query, result);
            body.put("series", result.processes().isEmpty() ? List.of()
                    : view(result.processes().get(0).series()));
            ctx.json(body);
        });
        app.get("/api/services/{service}/metrics", ctx -> {
            SeriesQuery query = query(ctx);
            SeriesResult result = meters.ofService(ctx.pathParam("service"), query);
            Map<String, Object> body = header("service", ctx.pathParam("service"), query, result);
            body.put("processes", result.processes().stream().map(MeterRoutes::view).toList());
            ctx.json(body);
        });
    }

    private SeriesQuery query(Context ctx) {
        Long to = Params.epochMillis(ctx, "to");
        long end = to == null ? clock.millis() : to;
        Long from = Params.epochMillis(ctx, "from");
        long start = from == null ? end - DEFAULT_RANGE_MILLIS : from;
        if (start >= end) {
            throw ApiException.badRequest("from must be before to");
        }
        return new SeriesQuery(start, end, metrics(ctx.queryParam("metric")),
                Params.integer(ctx, "limit", DEFAULT_POINTS, 1, MAX_POINTS));
    }

    /** {@code metric} is a comma-separated list of metric names; absent means all of them. */
    private static Set<ContinuousMetric> metrics(String text) {
        if (text == null || text.isBlank()) {
            return EnumSet.allOf(ContinuousMetric.class);
        }
        Set<ContinuousMetric> metrics = EnumSet.noneOf(ContinuousMetric.class);
        for (String name : text.split(",")) {
            metrics.add(ContinuousMetric.ofKey(name.trim()).orElseThrow(() -> ApiException.badRequest(
                    "unknown metric '" + name.trim() + "'; known: " + Arrays.stream(ContinuousMetric.values())
                            .map(ContinuousMetric::key).toList())));
        }
        return metrics;
    }

    private static Map<String, Object> header(String key, String value, SeriesQuery query, SeriesResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, value);
        body.put("from", query.from());
        body.put("to", query.to());
        body.put("truncated", result.truncated());
        return body;
    }

    private static Map<String, Object> view(ProcessSeries process) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("processId", process.processId());
        view.put("series", view(process.series()));
        return view;
    }

    private static List<Map<String, Object>> view(List<Series> series) {
        return series.stream().map(s -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("metric", s.metric().key());
            if (s.metric().perUri()) {
                view.put("uri", s.uri());
            }
            view.put("points", s.samples());
            return view;
        }).toList();
    }
}

package io.groundstation.fuzz;

import io.groundstation.fuzz.RawHttp.Request;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hostile requests for every route of the HTTP API: bodies mutated from real valid ones for the routes that
 * take one, hostile query parameters and path segments for the rest, and bodies past the request-size limit.
 */
final class ApiRequests {

    static final String POLICY = "{\"targets\": {"
            + "\"ON_CPU\": {\"PROCESS_CPU\": {\"threshold\": 80, \"period\": 10, \"count\": 5}},"
            + "\"NETWORK\": {\"HTTP_ERROR_RATE\": {\"threshold\": 5, \"period\": 10, \"count\": 3,"
            + " \"uriRegex\": \"/api/.*\"}}}}";
    private static final String POLICY_WITH_LIST = "{\"targets\": {"
            + "\"OFF_CPU\": {\"SYSTEM_LOAD\": {\"threshold\": \"2.5\", \"period\": 60, \"count\": 30}},"
            + "\"NETWORK\": {\"HTTP_AVG_RESPONSE_TIME\": {\"threshold\": 250.5, \"period\": 10, \"count\": 3,"
            + " \"uriList\": [\"/a\", \"/b\"]}}}}";
    private static final String BACKTEST = "{\"targets\": {\"ON_CPU\": {\"PROCESS_CPU\": {\"threshold\": 80,"
            + " \"period\": 10, \"count\": 5}}}, \"hours\": 6, \"taskDurationSeconds\": 600,"
            + " \"cooldownSeconds\": 1200}";

    private static final String[] HOSTILE_PARAMS = {"", "-1", "0", "1", "1001", "2147483648", "-2147483649",
            "9223372036854775807", "-9223372036854775808", "99999999999999999999", "abc", "1e3", "0x10", " 5 ",
            "NaN", "alive", "ZOMBIE", "dead", "all", "on_cpu", "NETWORK", "FIXED_TIME", "CONTINUOUS_PROFILING",
            "process_cpu", "process_cpu,bogus", "http_error_rate,,", "💥", "%00", "ns::shop", "shop-0", "\u0000"};
    private static final String[] QUERY_NAMES = {"service", "instance", "process", "state", "offset", "limit",
            "target", "trigger", "from", "to", "metric", "reason", "uri", "status", "bogus"};

    private final Random random;
    private final JsonMutator mutator;
    private final List<String> services;
    private final String processId;
    private final String taskSeed;
    private final List<String> bodySeeds;
    private final Supplier<String> someTaskId;

    /**
     * {@code processId} and {@code instance} name an alive, profilable process of {@code service}, so the task
     * seeds are valid; {@code someTaskId} gives the id of a task the API created, when there is one.
     */
    ApiRequests(Random random, String service, String instance, String processId, Supplier<String> someTaskId) {
        this.random = random;
        this.mutator = new JsonMutator(random);
        this.services = List.of(service, "fuzz-a", "fuzz b/ü", "\u202Eevil", " ", "x".repeat(1500),
                "y".repeat(20_000));
        this.processId = processId;
        this.someTaskId = someTaskId;
        this.taskSeed = "{\"service\": \"" + service + "\", \"target\": \"ON_CPU\", \"processIds\": [\""
                + processId + "\"], \"durationSeconds\": 60}";
        this.bodySeeds = List.of(taskSeed,
                "{\"service\": \"" + service + "\", \"target\": \"OFF_CPU\", \"labels\": [\"app=shop\"],"
                        + " \"durationSeconds\": 300}",
                "{\"service\": \"" + service + "\", \"target\": \"NETWORK\", \"instance\": \"" + instance + "\","
                        + " \"durationSeconds\": 120, \"samplings\": [{\"uriRegex\": \"/api/.*\","
                        + " \"minDurationMillis\": 200, \"when5xx\": true, \"maxRequestSize\": 4096}]}");
    }

    /** Mostly mutated bodies, often hostile queries, sometimes a valid body with the wrong content type. */
    Request next() {
        int roll = random.nextInt(100);
        if (roll < 55) {
            return bodyRoute(mutator::mutate);
        }
        if (roll < 92) {
            return hostileQuery();
        }
        Request valid = bodyRoute(JsonMutator::utf8);
        String[] types = {"text/plain", "application/x-www-form-urlencoded", "application/xml", null,
                "application/json; charset=latin1", "multipart/form-data; boundary=x"};
        return valid.withContentType(types[random.nextInt(types.length)]);
    }

    /** One valid request for every route that writes (or, as a backtest, reads a body). */
    List<Request> writes() {
        String service = encode(services.get(0));
        return List.of(
                Request.of("policy.put", "PUT", "/api/policies/" + service, JsonMutator.utf8(POLICY)),
                Request.of("policy.backtest", "POST", "/api/policies/" + service + "/backtest",
                        JsonMutator.utf8(BACKTEST)),
                Request.of("task.start", "POST", "/api/tasks", JsonMutator.utf8(taskSeed)),
                Request.of("task.stop", "POST", "/api/tasks/" + path(wellFormedTaskId()) + "/stop", null),
                Request.of("policy.delete", "DELETE", "/api/policies/" + service, null));
    }

    /** The body-taking writes, each with its valid body padded past {@code limit} bytes. */
    List<Request> oversized(long limit) {
        return writes().stream().filter(request -> request.body() != null)
                .map(request -> Request.of(request.route(), request.method(), request.path(),
                        JsonMutator.oversized(new String(request.body(), StandardCharsets.UTF_8), limit)))
                .toList();
    }

    private Request bodyRoute(Function<String, byte[]> body) {
        String service = path(services.get(random.nextInt(services.size())));
        return switch (random.nextInt(6)) {
            case 0, 1 -> Request.of("policy.put", "PUT", "/api/policies/" + service,
                    body.apply(random.nextBoolean() ? POLICY : POLICY_WITH_LIST));
            case 2 -> Request.of("policy.backtest", "POST", "/api/policies/" + service + "/backtest",
                    body.apply(BACKTEST));
            case 3, 4 -> Request.of("task.start", "POST", "/api/tasks",
                    body.apply(bodySeeds.get(random.nextInt(bodySeeds.size()))));
            default -> random.nextBoolean()
                    ? Request.of("task.stop", "POST", "/api/tasks/" + path(taskId()) + "/stop", body.apply(POLICY))
                    : Request.of("policy.delete", "DELETE", "/api/policies/" + service, null);
        };
    }

    private Request hostileQuery() {
        String service = path(services.get(random.nextInt(services.size())));
        String task = path(taskId());
        String process = path(random.nextInt(4) == 0 ? hostileParam() : processId);
        String[][] routes = {
                {"processes", "/api/processes"},
                {"agents", "/api/agents"},
                {"services", "/api/services"},
                {"tasks", "/api/tasks"},
                {"process", "/api/processes/" + process},
                {"process.metrics", "/api/processes/" + process + "/metrics"},
                {"service.metrics", "/api/services/" + service + "/metrics"},
                {"service.instances", "/api/services/" + service + "/instances"},
                {"policies", "/api/policies"},
                {"policy", "/api/policies/" + service},
                {"policy.coverage", "/api/policies/" + service + "/coverage"},
                {"task", "/api/tasks/" + task},
                {"task.flamegraph", "/api/tasks/" + task + "/profile/flamegraph"},
                {"task.folded", "/api/tasks/" + task + "/profile/folded"},
                {"task.pprof", "/api/tasks/" + task + "/profile/pprof"},
                {"task.network.topology", "/api/tasks/" + task + "/network/topology"},
                {"task.network.samples", "/api/tasks/" + task + "/network/samples"},
                {"task.network.sample", "/api/tasks/" + task + "/network/samples/" + path(hostileParam())}};
        String[] route = routes[random.nextInt(routes.length)];
        return Request.of(route[0], "GET", route[1] + query(), null);
    }

    private String query() {
        StringJoiner query = new StringJoiner("&", "?", "");
        for (int i = random.nextInt(5); i > 0; i--) {
            query.add(QUERY_NAMES[random.nextInt(QUERY_NAMES.length)] + "=" + queryValue());
        }
        return query.toString();
    }

    /** Mostly encoded hostile values; sometimes a huge one, or an escape that decodes to invalid UTF-8. */
    private String queryValue() {
        return switch (random.nextInt(12)) {
            case 0 -> "%C3%28";
            case 1 -> "z".repeat(random.nextBoolean() ? 5_000 : 100_000);
            default -> encode(hostileParam());
        };
    }

    private String hostileParam() {
        return HOSTILE_PARAMS[random.nextInt(HOSTILE_PARAMS.length)];
    }

    private String taskId() {
        String known = someTaskId.get();
        return known != null && random.nextBoolean() ? known : hostileParam();
    }

    /** A known task, or one that does not exist but is spelled as a task id is. */
    private String wellFormedTaskId() {
        String known = someTaskId.get();
        return known != null ? known : "no-such-task";
    }

    /** A path segment; an empty one would name another route. */
    private static String path(String segment) {
        return segment.isEmpty() ? "%20" : encode(segment);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

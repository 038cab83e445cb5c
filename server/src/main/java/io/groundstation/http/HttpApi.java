package io.groundstation.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.groundstation.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The operator's HTTP port: JSON API, web console, health, readiness and Prometheus metrics. */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final long MAX_REQUEST_BYTES = 1024 * 1024;

    private final Javalin app;

    private HttpApi(Javalin app) {
        this.app = app;
    }

    public static ObjectMapper jsonMapper() {
        return new ObjectMapper()
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // A key given twice (e.g. a checker) is a mistake to report, not one to resolve silently.
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private static boolean isChange(io.javalin.http.Context ctx) {
        return ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD
                && ctx.method() != HandlerType.OPTIONS;
    }

    public static HttpApi start(String host, int port, String adminToken, Metrics metrics,
                                BooleanSupplier storageReachable, List<Routes> routes) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(jsonMapper(), false));
            // BodySizeLimit enforces the limit, also on bodies of undeclared length, with a message naming it.
            config.http.maxRequestSize = Long.MAX_VALUE;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages()));
            config.jetty.modifyServletContextHandler(handler -> {
                handler.setErrorHandler(new JsonErrorPages());
                handler.addFilter(new FilterHolder(new BodySizeLimit(MAX_REQUEST_BYTES)), "/*",
                        EnumSet.of(DispatcherType.REQUEST));
            });
            config.router.ignoreTrailingSlashes = true;
            Console.install(config);
        });
        AdminToken admin = new AdminToken(adminToken);
        app.before("/api/*", ctx -> {
            if (isChange(ctx)) {
                admin.check(ctx);
            }
        });
        // A page on another site can make a browser send a form or text/plain request here without asking first;
        // asking for JSON makes the browser ask (a CORS preflight), which this API never grants.
        app.before("/api/*", ctx -> {
            if (isChange(ctx) && !String.valueOf(ctx.contentType()).toLowerCase(java.util.Locale.ROOT)
                    .startsWith("application/json")) {
                throw new ApiException(415, "changes need 'Content-Type: application/json'");
            }
        });
        app.exception(ApiException.class, (e, ctx) -> ctx.status(e.status()).json(error(e.getMessage(),
                e.problems())));
        app.exception(com.fasterxml.jackson.core.JacksonException.class, (e, ctx) ->
                ctx.status(400).json(error("malformed JSON: " + e.getOriginalMessage(), List.of())));
        app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) ->
                ctx.status(e.getStatus()).json(error(e.getMessage(), List.of())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(error("internal error; see the server log", List.of()));
        });

        app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        app.get("/readyz", ctx -> {
            boolean ready = storageReachable.getAsBoolean();
            ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ready" : "storage unreachable"));
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.render()));
        routes.forEach(r -> r.register(app));
        app.start(host, port);
        return new HttpApi(app);
    }

    static Map<String, Object> error(String message, List<String> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        return body;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}

package io.groundstation.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.groundstation.log.ThrottledLog;
import io.groundstation.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.javalin.micrometer.MicrometerPlugin;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The operator's HTTP port: JSON API, web console, health, readiness and Prometheus metrics. */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** Like refused agents: logged so operators see them, without what was presented, at most every 10 s. */
    private static final ThrottledLog REFUSALS = new ThrottledLog(LOG, 10_000);
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

    private static void requireToken(Context ctx, AdminToken token) {
        String presented = ctx.header("Authorization");
        if (!token.admits(presented)) {
            REFUSALS.warn("refused {} {} from {}: {} admin token", ctx.method(), ctx.path(), ctx.ip(),
                    presented == null ? "no" : "wrong");
            throw new ApiException(401, "this endpoint needs 'Authorization: Bearer <admin token>'");
        }
    }

    private static boolean isChange(Context ctx) {
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
            ApiDocs.install(config);
            // jetty_server_requests_seconds by method, matched route (not the raw path) and status
            config.registerPlugin(new MicrometerPlugin(micrometer -> {
                micrometer.registry = metrics.registry();
                // a 404 from a route (no such process) keeps its route; unmatched paths share "NOT_FOUND"
                micrometer.tagNotFoundMappedPaths = true;
            }));
        });
        AdminToken token = new AdminToken(adminToken);
        if (token.isSet()) {
            app.before("/api/*", ctx -> {
                if (isChange(ctx)) {
                    requireToken(ctx, token);
                }
            });
            app.beforeMatched("/api/*", ctx -> {
                if (ctx.routeRoles().contains(AdminRead.REQUIRED)) {
                    requireToken(ctx, token);
                }
            });
        }
        // A page on another site can make a browser send a form or text/plain request here without asking first;
        // asking for JSON makes the browser ask (a CORS preflight), which this API never grants.
        for (String path : List.of("/api/*", "/graphql")) {
            app.before(path, ctx -> {
                if (isChange(ctx) && !String.valueOf(ctx.contentType()).toLowerCase(java.util.Locale.ROOT)
                        .startsWith("application/json")) {
                    throw new ApiException(415, "changes need 'Content-Type: application/json'");
                }
            });
        }
        FailureStatuses.install(app);

        app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        app.get("/readyz", ctx -> {
            boolean ready = storageReachable.getAsBoolean();
            ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ready" : "storage unreachable"));
        });
        app.get("/metrics", ctx -> {
            Metrics.Exposition scrape = metrics.scrape(ctx.header("Accept"));
            ctx.contentType(scrape.contentType()).result(scrape.body());
        });
        routes.forEach(r -> r.register(app));
        ApiDocs.register(app, !adminToken.isEmpty());
        app.start(host, port);
        return new HttpApi(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}

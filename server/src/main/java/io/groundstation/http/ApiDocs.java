package io.groundstation.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.router.ParsedEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The API's OpenAPI document at {@value OpenApiDocument#PATH}, made from the routes once they are all registered,
 * and Swagger UI (from its WebJar) reading it at {@value #PATH}.
 */
final class ApiDocs {

    static final String PATH = "/api/docs";

    private ApiDocs() {
    }

    static void install(JavalinConfig config) {
        config.staticFiles.enableWebjars();
    }

    /** Call after every route is registered: the document lists the routes that exist at this point. */
    static void register(Javalin app, boolean adminToken) {
        // Javalin lists its routes only through its internal router; read once, at start.
        Map<String, Object> document = OpenApiDocument.of(app.unsafeConfig().pvt.internalRouter.allHttpHandlers()
                .stream().map(ParsedEndpoint::getEndpoint).toList(), adminToken);
        String page = page();
        app.get(OpenApiDocument.PATH, ctx -> ctx.json(document));
        app.get(PATH, ctx -> ctx.html(page));
    }

    private static String page() {
        try (InputStream in = ApiDocs.class.getResourceAsStream("/api-docs/index.html")) {
            if (in == null) {
                throw new IllegalStateException("api-docs/index.html is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

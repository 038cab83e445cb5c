package io.groundstation.graphql;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groundstation.http.AdminToken;
import io.groundstation.http.Routes;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /graphql}: OAP's query protocol for swctl and SkyWalking's UIs. Always a GraphQL reply (data and
 * errors), also for a malformed request; reads are open, mutations need the admin token when one is set.
 */
public final class GraphqlRoutes implements Routes {

    private final QueryProtocol protocol;
    private final AdminToken adminToken;
    private final ObjectMapper json = new ObjectMapper();

    public GraphqlRoutes(QueryProtocol protocol, String adminToken) {
        this.protocol = protocol;
        this.adminToken = new AdminToken(adminToken);
    }

    @Override
    public void register(Javalin app) {
        app.post("/graphql", this::execute);
    }

    private void execute(Context ctx) {
        Map<?, ?> body;
        try {
            body = json.readValue(ctx.bodyAsBytes(), Map.class);
        } catch (JacksonException e) {
            reply(ctx, 400, "the body must be a JSON object with a query: " + e.getOriginalMessage());
            return;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (body == null || !(body.get("query") instanceof String document)) {
            reply(ctx, 400, "the body must be a JSON object with a query string");
            return;
        }
        Object operation = body.get("operationName");
        Object variables = body.get("variables");
        if ((operation != null && !(operation instanceof String))
                || (variables != null && !(variables instanceof Map))) {
            reply(ctx, 400, "operationName must be a string and variables an object");
            return;
        }
        if (document.length() > QueryProtocol.MAX_DOCUMENT_CHARS) {
            reply(ctx, 400, "the query is longer than " + QueryProtocol.MAX_DOCUMENT_CHARS + " characters");
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> given = (Map<String, Object>) variables;
        ctx.json(protocol.execute(document, (String) operation, given, adminToken.admits(ctx.header("Authorization"))));
    }

    private static void reply(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("errors", List.of(Map.of("message", message))));
    }
}

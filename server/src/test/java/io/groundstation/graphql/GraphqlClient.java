package io.groundstation.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groundstation.testing.harness.TestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** POST /graphql as swctl sends it: JSON with a charset, a query and its variables, optional Authorization. */
final class GraphqlClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HHmm")
            .withZone(ZoneOffset.UTC);
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestServer server;

    GraphqlClient(TestServer server) {
        this.server = server;
    }

    /** The whole reply ({@code data}, {@code errors}); the status must be 200. */
    JsonNode send(String document, Map<String, ?> variables, String authorization) {
        HttpResponse<String> response = raw(body(document, variables), authorization);
        if (response.statusCode() != 200) {
            throw new AssertionError("POST /graphql answered " + response.statusCode() + ": " + response.body());
        }
        return TestServer.readJson(response.body());
    }

    /** A Duration as today's swctl sends it: MINUTE step (UTC, the test server's zone), its own coldStage flag. */
    static Map<String, Object> minutes(long fromMillis, long toMillis) {
        return Map.of("start", MINUTE.format(Instant.ofEpochMilli(fromMillis)),
                "end", MINUTE.format(Instant.ofEpochMilli(toMillis)), "step", "MINUTE", "coldStage", false);
    }

    JsonNode send(String document, Map<String, ?> variables) {
        return send(document, variables, null);
    }

    /** {@code data.result} of a reply without errors, as swctl aliases every operation. */
    JsonNode result(String document, Map<String, ?> variables, String authorization) {
        JsonNode reply = send(document, variables, authorization);
        if (reply.has("errors")) {
            throw new AssertionError("errors: " + reply.get("errors"));
        }
        return reply.get("data").get("result");
    }

    JsonNode result(String document, Map<String, ?> variables) {
        return result(document, variables, null);
    }

    static String body(String document, Map<String, ?> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> raw(String body, String authorization) {
        return raw(body, authorization, "application/json; charset=utf-8");
    }

    HttpResponse<String> raw(String body, String authorization, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.server().httpPort() + "/graphql"))
                .header("Content-Type", contentType)
                .header("Accept", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

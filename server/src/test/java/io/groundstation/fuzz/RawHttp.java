package io.groundstation.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends any bytes with any method, content type and framing to the HTTP API, and gives up after a timeout, so
 * a request the server never answers fails the test as a hang instead of stalling it.
 */
final class RawHttp {

    /** One request as sent; {@code chunked} sends the body without a Content-Length. */
    record Request(String route, String method, String path, byte[] body, String contentType, boolean chunked) {

        static Request of(String route, String method, String path, byte[] body) {
            return new Request(route, method, path, body, "application/json", false);
        }

        Request withContentType(String type) {
            return new Request(route, method, path, body, type, chunked);
        }

        Request withoutLength() {
            return new Request(route, method, path, body, contentType, true);
        }

        Request withoutBody() {
            return new Request(route, method, path, null, contentType, false);
        }

        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return method + " " + abbreviate(path) + " [" + contentType + (chunked ? ", chunked" : "") + ", "
                    + (body == null ? 0 : body.length) + " bytes] " + text;
        }

        private static String abbreviate(String text) {
            return text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + " chars)";
        }
    }

    /**
     * The server's answer; status {@link #CLOSED} when the connection closed instead of answering.
     * {@code closesConnection}: the server said it closes the connection after this answer.
     */
    record Answer(int status, String contentType, String body, boolean closesConnection) {
    }

    static final int CLOSED = 0;

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    Answer send(Request request, String bearerToken) {
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : request.chunked() ? HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(request.body()))
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
                .timeout(TIMEOUT).method(request.method(), body);
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().allValues("Connection").contains("close"));
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT + " to " + request, e);
        } catch (IOException e) {
            // Jetty answers some requests before reading their body and closes; the client, still sending the
            // body, may meet the reset first, which discards the answer.
            return new Answer(CLOSED, "", e.toString(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.groundstation.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.groundstation.protocol.pprof.Profile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * Stands in for Pyroscope's push API on loopback: records every push to {@code /push.v1.PusherService/Push}, decoded
 * (proto3 JSON of push.v1.PushRequest, each raw profile gunzipped and parsed as pprof), and answers 200 unless told
 * to answer otherwise first.
 */
public final class PyroscopeStandIn implements AutoCloseable {

    /** One series of a push: its labels and its profile. */
    public record Series(Map<String, String> labels, String id, Profile profile) {
    }

    /** One push as received: the headers that matter and its series. */
    public record Push(String contentType, String authorization, String tenant, List<Series> series) {
    }

    private final HttpServer server;
    private final List<Push> pushes = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
    private final List<String> malformed = new CopyOnWriteArrayList<>();

    private PyroscopeStandIn(HttpServer server) {
        this.server = server;
    }

    public static PyroscopeStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            PyroscopeStandIn standIn = new PyroscopeStandIn(server);
            server.createContext("/push.v1.PusherService/Push", standIn::handle);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure as export.pyroscope.url. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next pushes are answered with these statuses, in order (a Connect error body with each). */
    public void answerNext(int... statuses) {
        for (int status : statuses) {
            answers.add(status);
        }
    }

    public List<Push> pushes() {
        return List.copyOf(pushes);
    }

    /** Why pushes that could not be decoded were refused (400). */
    public List<String> malformed() {
        return List.copyOf(malformed);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Integer status = answers.poll();
            if (status == null || status == 200) {
                List<Series> series;
                try {
                    series = decode(body);
                } catch (IOException | RuntimeException e) {
                    malformed.add(e.toString());
                    answer(exchange, 400, "{\"code\":\"invalid_argument\"}");
                    return;
                }
                pushes.add(new Push(exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("X-Scope-OrgID"), series));
                answer(exchange, 200, "{}");
            } else {
                answer(exchange, status, "{\"code\":\"unavailable\",\"message\":\"stand-in answers " + status + "\"}");
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static List<Series> decode(byte[] body) throws IOException {
        List<Series> series = new ArrayList<>();
        for (JsonNode one : TestServer.readJson(new String(body, StandardCharsets.UTF_8)).get("series")) {
            Map<String, String> labels = new LinkedHashMap<>();
            one.get("labels").forEach(label -> labels.put(label.get("name").asText(), label.get("value").asText()));
            JsonNode sample = one.get("samples").get(0);
            byte[] raw = Base64.getDecoder().decode(sample.get("rawProfile").asText());
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                series.add(new Series(labels, sample.get("ID").asText(), Profile.parseFrom(in)));
            }
        }
        return series;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

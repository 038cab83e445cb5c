package io.groundstation.pyroscope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groundstation.export.ProfileSeries;
import io.groundstation.export.ProfileSink;
import io.groundstation.export.PushResult;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Pyroscope's push API, {@code POST {url}/push.v1.PusherService/Push}, spoken as Connect unary calls with a JSON
 * body (proto3 JSON of push.v1.PushRequest: {@code series[].labels[].name/value}, {@code series[].samples[].ID} and
 * {@code rawProfile}, the gzipped pprof in base64). The credentials go in headers only: never in a result detail,
 * which is logged and stored.
 */
public final class PyroscopeClient implements ProfileSink {

    static final String PUSH_PATH = "/push.v1.PusherService/Push";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How much of a refusal's body is kept as its detail (Pyroscope's error message). */
    private static final int DETAIL_LENGTH = 300;

    private final URI endpoint;
    private final String authorization;
    private final String tenant;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * {@code authorization} is the whole header value or empty; {@code tenant} the X-Scope-OrgID or empty. A push
     * takes at most {@code timeout}: half for the connection, half for the answer.
     */
    private PyroscopeClient(URI endpoint, String authorization, String tenant, Duration timeout) {
        this.endpoint = endpoint;
        this.authorization = authorization;
        this.tenant = tenant;
        this.timeout = timeout.dividedBy(2);
        this.http = HttpClient.newBuilder().connectTimeout(this.timeout).build();
    }

    /**
     * A client of the Pyroscope at {@code url} (http or https, optionally with a path prefix). With a {@code user},
     * HTTP Basic with the token as password (Grafana Cloud); without, the token as a bearer token; neither without a
     * token.
     *
     * @throws IllegalArgumentException when the URL is not an absolute http(s) URL, or a user is given without a token
     */
    public static PyroscopeClient create(String url, String user, String token, String tenant, Duration timeout) {
        URI base;
        try {
            base = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw new IllegalArgumentException("an http:// or https:// URL with a host is needed, e.g."
                    + " http://pyroscope:4040");
        }
        if (base.getQuery() != null || base.getFragment() != null || base.getUserInfo() != null) {
            throw new IllegalArgumentException("give the base URL without query, fragment or credentials"
                    + " (credentials go in export.pyroscope.user and export.pyroscope.token)");
        }
        if (!user.isEmpty() && token.isEmpty()) {
            throw new IllegalArgumentException("export.pyroscope.user is set but export.pyroscope.token is not");
        }
        String authorization = token.isEmpty() ? "" : user.isEmpty() ? "Bearer " + token
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + token)
                        .getBytes(StandardCharsets.UTF_8));
        return new PyroscopeClient(URI.create(base + PUSH_PATH), authorization, tenant, timeout);
    }

    @Override
    public PushResult push(List<ProfileSeries> series) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json").header("Connect-Protocol-Version", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(series)));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        if (!tenant.isEmpty()) {
            request.header("X-Scope-OrgID", tenant);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return PushResult.retry(e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PushResult.retry("interrupted");
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return PushResult.accepted();
        }
        String body = response.body() == null ? "" : response.body().strip();
        String detail = "HTTP " + status + (body.isEmpty() ? "" : ": " + (body.length() > DETAIL_LENGTH
                ? body.substring(0, DETAIL_LENGTH) + "…" : body));
        // Only these say the profile itself is unacceptable (Connect's invalid_argument: too old, too large, bad
        // labels). The rest — unavailable, rate limits, a bad token, a wrong URL — may pass once the receiver or
        // its configuration is back, within export.pyroscope.max-age.
        boolean unacceptable = status == 400 || status == 413 || status == 422;
        return unacceptable ? PushResult.refused(detail) : PushResult.retry(detail);
    }

    /** push.v1.PushRequest in proto3 JSON. */
    static byte[] body(List<ProfileSeries> series) {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode all = request.putArray("series");
        for (ProfileSeries one : series) {
            ObjectNode node = all.addObject();
            ArrayNode labels = node.putArray("labels");
            one.labels().forEach((name, value) -> labels.addObject().put("name", name).put("value", value));
            node.putArray("samples").addObject().put("ID", one.id())
                    .put("rawProfile", Base64.getEncoder().encodeToString(one.pprof()));
        }
        try {
            return JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }
}

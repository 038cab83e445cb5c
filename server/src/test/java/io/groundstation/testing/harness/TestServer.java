package io.groundstation.testing.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groundstation.Groundstation;
import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import io.groundstation.jobs.Termination;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Groundstation on loopback (free ports, the given data dir, a hand-moved clock), a gRPC channel to its
 * agent port and an HTTP client for its API. {@link #restart()} stops it gracefully and starts it again on the
 * same data.
 */
public final class TestServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final MutableClock clock;
    private final HttpClient http = HttpClient.newHttpClient();
    private Groundstation server;
    private ManagedChannel channel;

    private TestServer(Settings settings, MutableClock clock) {
        this.settings = settings;
        this.clock = clock;
        boot();
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** A server on a new empty database of the given kind (the storage test matrix, see {@link OnEveryDatabase}). */
    public static TestServer start(Path dataDir, TestDatabase database) {
        return start(dataDir, database.create(dataDir));
    }

    /** A server on a new empty database of the given kind, with some settings overridden. */
    public static TestServer start(Path dataDir, TestDatabase database, Map<Setting<?>, String> overrides) {
        Map<Setting<?>, String> all = new HashMap<>(database.create(dataDir));
        all.putAll(overrides);
        return start(dataDir, all);
    }

    public static TestServer start(Path dataDir, Map<Setting<?>, String> overrides) {
        return start(dataDir, overrides, MutableClock.atNow());
    }

    /** A server on the given clock; nodes of one cluster may share one, or run on skewed ones. */
    public static TestServer start(Path dataDir, Map<Setting<?>, String> overrides, MutableClock clock) {
        Map<Setting<?>, String> all = new HashMap<>();
        all.put(Settings.GRPC_HOST, "127.0.0.1");
        all.put(Settings.GRPC_PORT, "0");
        all.put(Settings.HTTP_HOST, "127.0.0.1");
        all.put(Settings.HTTP_PORT, "0");
        all.put(Settings.DATA_DIR, dataDir.toString());
        all.putAll(overrides);
        return new TestServer(Settings.defaults().with(all), clock);
    }

    private void boot() {
        server = Groundstation.start(settings, clock);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
    }

    public void restart() {
        stop();
        boot();
    }

    public Groundstation server() {
        return server;
    }

    public MutableClock clock() {
        return clock;
    }

    public ManagedChannel channel() {
        return channel;
    }

    /** The stub, carrying the agent token as Rover sends it. */
    public static <S extends AbstractStub<S>> S withToken(S stub, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authentication", Metadata.ASCII_STRING_MARSHALLER), token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** The server's /metrics, read as samples. */
    public Scrape metrics() {
        HttpResponse<String> response = get("/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /metrics answered " + response.statusCode());
        }
        return Scrape.parse(response.body());
    }

    public JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return readJson(response.body());
    }

    /** Sends a JSON body ({@code body} may be null) with an optional bearer token. */
    public HttpResponse<String> send(String method, String path, String body, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request.build());
    }

    public static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        return Blocking.call(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private void stop() {
        channel.shutdownNow();
        Termination.awaitUpTo(Duration.ofSeconds(5), channel::awaitTermination);
        server.close();
    }

    @Override
    public void close() {
        stop();
    }
}

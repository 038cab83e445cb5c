package io.groundstation.testing.harness;

import io.groundstation.config.Setting;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.support.ParameterInfo;

import java.io.IOException;
import java.util.Map;

/**
 * A new server for every test of a class, on a data directory of its own:
 * {@code @RegisterExtension final PerTestServer server = new PerTestServer(settings);}, read with {@code server.get()}.
 * In an {@link OnEveryDatabase} class it runs on a new empty database of the invocation's {@link TestDatabase} (the
 * class still declares its {@code @Parameter TestDatabase database;}: JUnit hands an invocation only the arguments
 * something consumes), elsewhere on embedded SQLite. It starts before the test's {@code @BeforeEach} methods and
 * stops after its {@code @AfterEach} methods.
 */
public final class PerTestServer implements BeforeEachCallback, AfterEachCallback {

    private final Map<Setting<?>, String> settings;
    private final Scratch<TestServer> server = new Scratch<>();

    public PerTestServer() {
        this(Map.of());
    }

    public PerTestServer(Map<Setting<?>, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        ParameterInfo invocation = ParameterInfo.get(context);
        server.start(context, data -> invocation == null ? TestServer.start(data, settings)
                : TestServer.start(data, invocation.getArguments().get(0, TestDatabase.class), settings));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        server.stop();
    }

    /** The running server; only from a test, a {@code @BeforeEach} or an {@code @AfterEach} method. */
    public TestServer get() {
        return server.get();
    }
}

package io.groundstation.testing.harness;

import io.groundstation.config.Setting;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One server shared by every test of a class, on a data directory of its own:
 * {@code @RegisterExtension static final ClassServer server = new ClassServer(settings);}. It starts before the
 * class's {@code @BeforeAll} methods, which can then register what the tests read (or pass that as a set-up, say
 * {@code new ClassServer(settings, ShopFleet::register)}), and stops after the last test.
 */
public final class ClassServer implements BeforeAllCallback, AfterAllCallback {

    private final Map<Setting<?>, String> settings;
    private final MutableClock clock;
    private final Consumer<TestServer> setUp;
    private java.nio.file.Path data;
    private TestServer server;

    public ClassServer() {
        this(Map.of());
    }

    public ClassServer(Map<Setting<?>, String> settings) {
        this(settings, MutableClock.atNow());
    }

    public ClassServer(Map<Setting<?>, String> settings, MutableClock clock) {
        this(settings, clock, server -> {
        });
    }

    /** {@code setUp} runs once the server is up, before the class's {@code @BeforeAll} methods. */
    public ClassServer(Map<Setting<?>, String> settings, Consumer<TestServer> setUp) {
        this(settings, MutableClock.atNow(), setUp);
    }

    private ClassServer(Map<Setting<?>, String> settings, MutableClock clock, Consumer<TestServer> setUp) {
        this.settings = Map.copyOf(settings);
        this.clock = clock;
        this.setUp = setUp;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("groundstation-" + context.getRequiredTestClass().getSimpleName());
        server = TestServer.start(data, settings, clock);
        setUp.accept(server);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            Directories.deleteTree(data);
        }
    }

    /** The running server; only from a test or a {@code @BeforeAll} method. */
    public TestServer get() {
        return server;
    }
}

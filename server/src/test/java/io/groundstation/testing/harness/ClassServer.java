package io.groundstation.testing.harness;

import io.groundstation.config.Setting;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
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
    private final Scratch<TestServer> server = new Scratch<>();

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
        server.start(context, data -> {
            TestServer started = TestServer.start(data, settings, clock);
            setUp.accept(started);
            return started;
        });
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.stop();
    }

    /** The running server; only from a test or a {@code @BeforeAll} method. */
    public TestServer get() {
        return server.get();
    }
}

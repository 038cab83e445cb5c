package io.groundstation.testing.harness;

import io.groundstation.config.Setting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several Groundstation nodes on one new PostgreSQL database and one clock, as behind a load balancer: the seam
 * for multi-node tests of any capability (register through one node, ask another).
 */
public final class TestCluster implements AutoCloseable {

    private final Map<Setting<?>, String> database;
    private final MutableClock clock = MutableClock.atNow();
    private final List<TestServer> nodes = new ArrayList<>();

    private TestCluster(Map<Setting<?>, String> database) {
        this.database = database;
    }

    /** {@code count} nodes, each with its own directory under {@code dir}, sharing a new PostgreSQL database. */
    public static TestCluster start(Path dir, int count) {
        TestCluster cluster = new TestCluster(TestDatabase.POSTGRESQL.create(dir));
        try {
            for (int i = 0; i < count; i++) {
                cluster.addNode(dir.resolve("node-" + i));
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Starts one more node on the cluster's database and clock. */
    public TestServer addNode(Path dataDir) {
        return addNode(dataDir, Map.of());
    }

    /** Starts one more node on the cluster's database and clock, with some settings overridden. */
    public TestServer addNode(Path dataDir, Map<Setting<?>, String> overrides) {
        Map<Setting<?>, String> settings = new java.util.HashMap<>(database);
        settings.putAll(overrides);
        TestServer node = TestServer.start(dataDir, settings, clock);
        nodes.add(node);
        return node;
    }

    public TestServer node(int index) {
        return nodes.get(index);
    }

    public MutableClock clock() {
        return clock;
    }

    /** The settings that point at the cluster's database (for a node on another clock, or a direct look). */
    public Map<Setting<?>, String> database() {
        return database;
    }

    @Override
    public void close() {
        nodes.forEach(TestServer::close);
    }
}

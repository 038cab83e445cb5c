package io.groundstation.testing.harness;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A new {@link TestCluster} for every test of a class, on a directory of its own:
 * {@code @RegisterExtension final PerTestCluster cluster = new PerTestCluster(2);}, read with {@code cluster.get()}.
 * A test method takes its nodes as parameters, in order: {@code void twoNodes(TestServer a, TestServer b)}. It starts
 * before the test's {@code @BeforeEach} methods and stops after the test, whatever the test stopped.
 */
public final class PerTestCluster implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final int nodes;
    private final Scratch<TestCluster> cluster = new Scratch<>();

    public PerTestCluster(int nodes) {
        this.nodes = nodes;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        cluster.start(context, dir -> TestCluster.start(dir, nodes));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        cluster.stop();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestServer.class;
    }

    /** Parameter i of the test method is node i. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster.get().node(parameter.getIndex());
    }

    /** The running cluster; only from a test or a {@code @BeforeEach} method. */
    public TestCluster get() {
        return cluster.get();
    }

    /** The test's directory, for the data of a server started beside the nodes. */
    public Path dir() {
        return cluster.dir();
    }
}

package io.groundstation.cluster;

import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import io.groundstation.jobs.ClusterJob;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.ClientStreams;
import io.groundstation.testing.fixtures.PyroscopeStandIn;
import io.groundstation.testing.harness.TestCluster;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.groundstation.testing.fixtures.ProfileMessages.onCpu;
import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes export to one Pyroscope: each task is pushed by one node only, and the job passes on at a stop. */
class MultiNodePyroscopeExportIT {

    private static final Duration PAST_END = Duration.ofSeconds(60).plus(Settings.defaults().get(
            Settings.PYROSCOPE_DELAY));
    private final String process = Ids.processId("shop", "shop-0", "java");

    @TempDir
    Path dir;

    @Test
    void oneNodePushesEachTaskAndAStoppedNodeHandsTheExportOver() {
        try (PyroscopeStandIn pyroscope = PyroscopeStandIn.start(); TestCluster cluster = TestCluster.start(dir, 0)) {
            Map<Setting<?>, String> export = Map.of(Settings.PYROSCOPE_URL, pyroscope.url() + "/",
                    Settings.PYROSCOPE_USER, "123456", Settings.PYROSCOPE_TOKEN, "glc_token",
                    Settings.PYROSCOPE_INTERVAL, "1h");
            TestServer a = cluster.addNode(dir.resolve("a"), export);
            TestServer b = cluster.addNode(dir.resolve("b"), export);
            register(a);
            String first = endedTaskWithSamples(a, b);

            assertThat(a.server().parts().jobs().runIfLeaseHolder(ClusterJob.PYROSCOPE_EXPORT)).isTrue();
            assertThat(b.server().parts().jobs().runIfLeaseHolder(ClusterJob.PYROSCOPE_EXPORT))
                    .as("a holds the lease between its runs").isFalse();
            register(b); // alive again after the first task's minute and a half (a re-report is a keep-alive)
            b.server().parts().registry().flushPings();
            String second = endedTaskWithSamples(b, a);
            a.close();
            assertThat(b.server().parts().jobs().runIfLeaseHolder(ClusterJob.PYROSCOPE_EXPORT))
                    .as("a released the lease when it stopped").isTrue();

            assertThat(pyroscope.pushes()).extracting(push -> push.series().get(0).labels().get("task_id"))
                    .containsExactly(first, second);
            assertThat(pyroscope.pushes()).allSatisfy(push -> assertThat(push.authorization()).isEqualTo(
                    "Basic " + Base64.getEncoder().encodeToString("123456:glc_token"
                            .getBytes(StandardCharsets.UTF_8))));
            assertThat(b.metrics().value("groundstation_pyroscope_tasks_total", "outcome", "pushed")).isEqualTo(1);
            assertThat(b.metrics().value("groundstation_pyroscope_pending")).isZero();
        }
    }

    private void register(TestServer node) {
        EBPFProcessServiceGrpc.newBlockingStub(node.channel()).reportProcesses(EBPFProcessReportList.newBuilder()
                .setEbpfAgentID("node-a").addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-0", "java"), 10,
                        "java")).build());
    }

    /** A 60-s ON_CPU task made through one node, its samples uploaded to the other, past its end and the delay. */
    private String endedTaskWithSamples(TestServer api, TestServer agentPort) {
        HttpResponse<String> started = api.send("POST", "/api/tasks", """
                {"service": "shop", "target": "ON_CPU", "processIds": ["%s"], "durationSeconds": 60}"""
                .formatted(process), null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String taskId = TestServer.readJson(started.body()).get("tasks").get(0).get("id").asText();
        ClientStreams.send(EBPFProfilingServiceGrpc.newStub(agentPort.channel())::collectProfilingData,
                List.of(onCpu(taskId, process, api.clock().millis(), 3, "main")));
        api.clock().advance(PAST_END);
        return taskId;
    }
}

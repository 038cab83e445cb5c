package io.groundstation.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.registry.Ids;
import io.groundstation.testing.Rover;
import io.groundstation.testing.TestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.groundstation.testing.Protos.entity;
import static io.groundstation.testing.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/profiles/diff over two uploaded profiles, narrowed per side, and what it refuses. */
class ProfileDiffIT {

    @TempDir
    static Path data;
    static TestServer server;
    static String before;
    static String after;

    @BeforeAll
    static void twoProfiles() throws Exception {
        server = TestServer.start(data);
        EBPFProcessServiceGrpc.newBlockingStub(server.channel()).reportProcesses(EBPFProcessReportList.newBuilder()
                .setEbpfAgentID("node-a")
                .addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-0", "java"), 10, "java"))
                .addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-1", "java"), 11, "java")).build());
        server.send("PUT", "/api/policies/shop", """
                {"targets": {"ON_CPU": {"PROCESS_CPU": {"threshold": 80, "period": 10, "count": 5}}}}""", null);
        before = Rover.triggerOnCpu(server, "K8S_SERVICE", "shop", "shop-0", "java");
        after = Rover.triggerOnCpu(server, "K8S_SERVICE", "shop", "shop-1", "java");
        Rover.uploadOnCpu(server, before, Ids.processId("shop", "shop-0", "java"),
                Map.of("main;work;parse", 6, "main;idle", 4));
        Rover.uploadOnCpu(server, after, Ids.processId("shop", "shop-1", "java"),
                Map.of("main;work;parse", 2, "main;work;regex", 15, "main;idle", 3));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void twoTasksAreMergedFrameByFrameWithEachSidesSamples() {
        JsonNode diff = server.getJson("/api/profiles/diff?base=" + before + "&compare=" + after);
        assertThat(diff.get("base").asLong()).isEqualTo(10);
        assertThat(diff.get("compare").asLong()).isEqualTo(20);
        JsonNode work = diff.get("children").get(0).get("children").get(0);
        assertThat(work.get("name").asText()).isEqualTo("work");
        assertThat(work.get("children")).extracting(n -> n.get("name").asText() + ":" + n.get("base") + "->"
                + n.get("compare")).containsExactly("regex:0->15", "parse:6->2");
        assertThat(work.get("kernel").asBoolean()).isFalse();
    }

    @Test
    void eachSideCanBeNarrowedToAProcessOrARange() {
        String other = Ids.processId("shop", "shop-1", "java");
        JsonNode diff = server.getJson("/api/profiles/diff?base=" + before + "&compare=" + after
                + "&compareProcess=" + other + "&baseFrom=0&baseTo=1");
        assertThat(diff.get("base").asLong()).as("nothing before 1 ms").isZero();
        assertThat(diff.get("compare").asLong()).isEqualTo(20);
    }

    @Test
    void missingOrUnknownTasksAreRefusedClearly() {
        assertThat(server.get("/api/profiles/diff?base=" + before).body()).contains("compare must name a task id");
        assertThat(server.get("/api/profiles/diff?base=" + before + "&compare=nope").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/profiles/diff?base=" + before + "&compare=" + after + "&baseFrom=x").body())
                .contains("baseFrom must be epoch milliseconds");
    }
}

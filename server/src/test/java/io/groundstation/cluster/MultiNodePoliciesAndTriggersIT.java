package io.groundstation.cluster;

import io.groundstation.bench.reply.ServicePolicy;
import io.groundstation.testing.fixtures.AgentReplies;
import io.groundstation.testing.harness.TestCluster;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousOnCPUProfilingTask;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingPolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingReport;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServicePolicyQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static io.groundstation.testing.fixtures.Policies.CPU_OVER_80;
import static org.assertj.core.api.Assertions.assertThat;

/** Policies and triggers across several nodes on one PostgreSQL database. */
class MultiNodePoliciesAndTriggersIT {

    @TempDir
    Path dir;

    private static List<ServicePolicy> poll(TestServer node, String held) {
        return AgentReplies.policies(ContinuousProfilingServiceGrpc.newBlockingStub(node.channel())
                .queryPolicies(ContinuousProfilingPolicyQuery.newBuilder().addPolicies(
                        ContinuousProfilingServicePolicyQuery.newBuilder().setServiceName("shop").setUuid(held))
                        .build()));
    }

    @Test
    void aPolicyChangedThroughOneNodeReachesAgentsPollingAnotherWithinTheRefreshInterval() {
        try (TestCluster cluster = TestCluster.start(dir, 2)) {
            TestServer a = cluster.node(0);
            TestServer b = cluster.node(1);
            assertThat(poll(b, "")).as("B has read the empty policy table").isEmpty();

            String version = TestServer.readJson(a.send("PUT", "/api/policies/shop", CPU_OVER_80, null)
                    .body()).get("version").asText();

            // cluster.refresh-interval (2 s) bounds how long B may answer from what it read before.
            cluster.clock().advance(Duration.ofSeconds(2));
            List<ServicePolicy> reply = poll(b, "");
            assertThat(reply).extracting(ServicePolicy::uuid).containsExactly(version);
            assertThat(poll(b, version)).isEmpty();
            assertThat(poll(a, version)).isEmpty();
        }
    }

    @Test
    void theSameTriggerReceivedByTwoNodesAtOnceCreatesOneTask() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 2)) {
            ContinuousProfilingReport report = ContinuousProfilingReport.newBuilder().setLayer("K8S_SERVICE")
                    .setServiceName("shop").setInstanceName("shop-0").setProcessName("java").setDuration(600)
                    .setOnCPU(ContinuousOnCPUProfilingTask.getDefaultInstance()).build();
            Set<String> ids = ConcurrentHashMap.newKeySet();
            for (int round = 0; round < 10; round++) {
                CompletableFuture<?>[] calls = new CompletableFuture<?>[4];
                for (int i = 0; i < calls.length; i++) {
                    TestServer node = cluster.node(i % 2);
                    calls[i] = CompletableFuture.runAsync(() -> ids.add(ContinuousProfilingServiceGrpc
                            .newBlockingStub(node.channel()).reportProfilingTask(report).getCommands(0).getArgs(0)
                            .getValue()));
                }
                CompletableFuture.allOf(calls).join();
            }

            assertThat(ids).as("every report, through either node, got the one task").hasSize(1);
            String id = ids.iterator().next();
            assertThat(cluster.node(1).getJson("/api/tasks/" + id).get("repeatedReports").asInt()).isEqualTo(39);
            assertThat(cluster.node(0).getJson("/api/tasks?service=shop").get("total").asInt()).isEqualTo(1);
        }
    }
}

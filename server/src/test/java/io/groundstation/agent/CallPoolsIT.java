package io.groundstation.agent;

import io.groundstation.config.Settings;
import io.groundstation.testing.fixtures.ClientStreams;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingPolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServicePolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFReportProcessDownstream;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls that may wait for the database queue for a bounded pool instead of each taking a thread of its own; calls
 * answered from memory run on the transport's threads.
 */
class CallPoolsIT {

    @TempDir
    Path data;

    @Test
    void aBurstOfRegistrationsIsAnsweredByTheBoundedPool() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.GRPC_CALL_THREADS, "2"))) {
            List<CompletableFuture<EBPFReportProcessDownstream>> replies = registerAtOnce(server, 40, 20);
            for (CompletableFuture<EBPFReportProcessDownstream> reply : replies) {
                assertThat(reply.get(60, TimeUnit.SECONDS).getProcessesList()).hasSize(20);
            }
            assertThat(server.metrics().value("executor_pool_size_threads", "name", "grpc-register"))
                    .isBetween(1.0, 2.0);
            assertThat(server.metrics().value("groundstation_registry_processes")).isEqualTo(800);
        }
    }

    @Test
    void registrationsPastTheWaitingLimitAreRefusedAtOnceAndTheRestAreRegistered() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.GRPC_CALL_THREADS, "1",
                Settings.WAITING_REGISTRATIONS, "1"))) {
            List<CompletableFuture<EBPFReportProcessDownstream>> replies = registerAtOnce(server, 100, 5);
            int registered = 0;
            int refused = 0;
            for (CompletableFuture<EBPFReportProcessDownstream> reply : replies) {
                try {
                    assertThat(reply.get(60, TimeUnit.SECONDS).getProcessesList()).hasSize(5);
                    registered++;
                } catch (ExecutionException e) {
                    Status status = Status.fromThrowable(e.getCause());
                    assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(status.getDescription()).contains("too many registrations waiting")
                            .contains("retry later");
                    refused++;
                }
            }
            // one call on the thread and one waiting: a hundred sent at once cannot all fit
            assertThat(refused).isPositive();
            assertThat(registered).isPositive();
            assertThat(server.metrics().value("groundstation_registry_processes")).isEqualTo(registered * 5);
            assertThat(ContinuousProfilingServiceGrpc.newBlockingStub(server.channel()).queryPolicies(shopPoll()))
                    .as("other calls go on").isNotNull();
        }
    }

    @Test
    void pollsOfAFreshPolicySnapshotRunOnTheTransportThreads() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.CLUSTER_REFRESH, "1h"))) {
            ContinuousProfilingServiceGrpc.newBlockingStub(server.channel()).queryPolicies(shopPoll());
            double loaded = pollsOnThePool(server);
            assertThat(loaded).as("the first poll loads the snapshot, on the pool").isPositive();

            pollConcurrently(server, 40);

            assertThat(pollsOnThePool(server)).isEqualTo(loaded);
        }
    }

    @Test
    void pollsThatWouldReloadThePolicySnapshotRunOnThePollPool() throws Exception {
        // A snapshot that never stays fresh for the margin a poll on a transport thread needs.
        try (TestServer server = TestServer.start(data, Map.of(Settings.CLUSTER_REFRESH, "100ms"))) {
            pollConcurrently(server, 40);

            assertThat(pollsOnThePool(server)).as("pool tasks: a call's steps").isGreaterThanOrEqualTo(40);
        }
    }

    private static void pollConcurrently(TestServer server, int polls) throws Exception {
        ContinuousProfilingServiceGrpc.ContinuousProfilingServiceStub stub =
                ContinuousProfilingServiceGrpc.newStub(server.channel());
        List<CompletableFuture<Commands>> replies = new ArrayList<>();
        for (int i = 0; i < polls; i++) {
            CompletableFuture<Commands> reply = new CompletableFuture<>();
            stub.queryPolicies(shopPoll(), ClientStreams.replyInto(reply));
            replies.add(reply);
        }
        for (CompletableFuture<Commands> reply : replies) {
            assertThat(reply.get(60, TimeUnit.SECONDS).getCommandsCount()).isZero();
        }
    }

    /** Each of {@code agents} agents reports {@code processes} processes, all without waiting for a reply. */
    private static List<CompletableFuture<EBPFReportProcessDownstream>> registerAtOnce(TestServer server, int agents,
                                                                                    int processes) {
        EBPFProcessServiceGrpc.EBPFProcessServiceStub stub = EBPFProcessServiceGrpc.newStub(server.channel());
        List<CompletableFuture<EBPFReportProcessDownstream>> replies = new ArrayList<>();
        for (int agent = 0; agent < agents; agent++) {
            EBPFProcessReportList.Builder report = EBPFProcessReportList.newBuilder().setEbpfAgentID("agent-" + agent);
            for (int p = 0; p < processes; p++) {
                report.addProcesses(k8s(entity("K8S", "shop", "pod-" + agent, "p" + p), 100 + p, "/bin/p"));
            }
            CompletableFuture<EBPFReportProcessDownstream> reply = new CompletableFuture<>();
            stub.reportProcesses(report.build(), ClientStreams.replyInto(reply));
            replies.add(reply);
        }
        return replies;
    }

    private static ContinuousProfilingPolicyQuery shopPoll() {
        return ContinuousProfilingPolicyQuery.newBuilder().addPolicies(ContinuousProfilingServicePolicyQuery
                .newBuilder().setServiceName("shop").setUuid("")).build();
    }

    /** Steps of calls (message, half-close, completion) the poll pool ran. */
    private static double pollsOnThePool(TestServer server) {
        return server.metrics().value("executor_completed_tasks_total", "name", "grpc-poll");
    }
}

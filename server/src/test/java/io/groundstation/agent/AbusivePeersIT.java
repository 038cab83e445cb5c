package io.groundstation.agent;

import io.groundstation.config.Settings;
import io.groundstation.testing.harness.TestServer;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Peers that hold calls open, crowd one connection or flood the port do not starve real agents. */
class AbusivePeersIT {

    @TempDir
    Path data;

    private static final EBPFProcessReportList REPORT = EBPFProcessReportList.newBuilder().setEbpfAgentID("real")
            .addProcesses(k8s(entity("K8S_SERVICE", "svc", "svc-0", "p"), 1, "p")).build();

    @Test
    void aCallThatNeverFinishesIsEndedByTheServer() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.GRPC_MAX_CALL_DURATION, "1s"))) {
            CompletableFuture<Status> closed = openAndNeverFinish(server.channel());

            Status status = closed.get(30, TimeUnit.SECONDS);

            assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(status.getDescription()).contains("grpc.max-call-duration");
        }
    }

    @Test
    void aConnectionAtItsCallLimitDoesNotBlockOtherAgents() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.GRPC_MAX_CALLS_PER_CONNECTION, "2",
                Settings.GRPC_MAX_CALL_DURATION, "1m"));
             OwnConnection greedy = ownConnection(server)) {
            // One finished call first, so the client knows the server's stream limit before it crowds in.
            EBPFProcessServiceGrpc.newBlockingStub(greedy.channel()).reportProcesses(REPORT);
            openAndNeverFinish(greedy.channel());
            openAndNeverFinish(greedy.channel());

            assertThatThrownBy(() -> EBPFProcessServiceGrpc.newBlockingStub(greedy.channel())
                    .withDeadlineAfter(2, TimeUnit.SECONDS).reportProcesses(REPORT))
                    .as("a third call on the full connection waits for a free slot")
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
            int answered = EBPFProcessServiceGrpc.newBlockingStub(server.channel())
                    .withDeadlineAfter(10, TimeUnit.SECONDS).reportProcesses(REPORT).getProcessesCount();
            assertThat(answered).isEqualTo(1);
        }
    }

    @Test
    void aFloodOfIdleAndGarbageConnectionsDoesNotStarveARealAgent() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    Socket socket = new Socket("127.0.0.1", server.server().grpcPort());
                    if (i % 3 == 0) {
                        OutputStream out = socket.getOutputStream();
                        out.write(("GET / HTTP/1.1\r\nHost: x\r\n\r\n" + "\u0000".repeat(100)).getBytes());
                        out.flush();
                    }
                    flood.add(socket);
                }

                int answered = EBPFProcessServiceGrpc.newBlockingStub(server.channel())
                        .withDeadlineAfter(10, TimeUnit.SECONDS).reportProcesses(REPORT).getProcessesCount();

                assertThat(answered).isEqualTo(1);
            } finally {
                for (Socket socket : flood) {
                    socket.close();
                }
            }
        }
    }

    /**
     * grpc-java (seen in 1.83 and 1.85) keeps the HTTP/2 stream of a refused over-size message half open until the
     * client resets it, which grpc-java clients do not do (Rover, on grpc-go, does): each such call then holds one of
     * the connection's call slots, and a connection that sends more of them than its limit stalls. That must stay
     * the sender's problem.
     */
    @Test
    void overSizeMessagesAreRefusedAndStallNoOtherConnection() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.GRPC_MAX_MESSAGE, "1MB",
                Settings.GRPC_MAX_CALLS_PER_CONNECTION, "2"));
             OwnConnection oversized = ownConnection(server)) {
            EBPFProcessReportList huge = EBPFProcessReportList.newBuilder().setEbpfAgentID("huge")
                    .addProcesses(k8s(entity("K8S_SERVICE", "svc", "svc-0", "p"), 1, "x".repeat(2 << 20)))
                    .build();
            List<Status.Code> outcomes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                try {
                    EBPFProcessServiceGrpc.newBlockingStub(oversized.channel())
                            .withDeadlineAfter(2, TimeUnit.SECONDS).reportProcesses(huge);
                    outcomes.add(Status.Code.OK);
                } catch (StatusRuntimeException e) {
                    outcomes.add(e.getStatus().getCode());
                    if (i == 0) {
                        assertThat(e.getStatus().getDescription()).contains("exceeds maximum size");
                    }
                }
            }
            System.out.println("over-size reports on one connection: " + outcomes);
            assertThat(outcomes.get(0)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

            assertThat(EBPFProcessServiceGrpc.newBlockingStub(server.channel())
                    .withDeadlineAfter(10, TimeUnit.SECONDS).reportProcesses(REPORT).getProcessesCount())
                    .as("another connection is served").isEqualTo(1);
        }
    }

    /** A channel of its own, so what it does to its connection stays off the server's test channel. */
    private static OwnConnection ownConnection(TestServer server) {
        return new OwnConnection(ManagedChannelBuilder.forAddress("127.0.0.1", server.server().grpcPort())
                .usePlaintext().build());
    }

    private record OwnConnection(ManagedChannel channel) implements AutoCloseable {
        @Override
        public void close() {
            channel.shutdownNow();
        }
    }

    /** Starts a keepAlive call, sends its message and never half-closes: the server waits for the rest. */
    private static CompletableFuture<Status> openAndNeverFinish(ManagedChannel channel) {
        CompletableFuture<Status> closed = new CompletableFuture<>();
        ClientCall<EBPFProcessPingPkgList, org.apache.skywalking.apm.network.common.v3.Commands> call =
                channel.newCall(EBPFProcessServiceGrpc.getKeepAliveMethod(), CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, new Metadata());
        call.request(1);
        call.sendMessage(EBPFProcessPingPkgList.getDefaultInstance());
        return closed;
    }
}

package io.groundstation.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.groundstation.bench.BaselineServer;
import io.groundstation.bench.report.FleetEvent;
import io.groundstation.bench.report.RpcMethod;
import io.groundstation.bench.report.RunReport;
import io.groundstation.bench.report.ServerLatency;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFKubernetesProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFReportProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingPolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingReport;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.junit.jupiter.api.Test;

/** Short real runs on loopback; they check what was counted, never how fast anything was. */
class FleetEndToEndTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aFleetAgainstTheBaselineMisreadsNothing() throws Exception {
        try (BaselineServer baseline = BaselineServer.start(LOOPBACK, 0, null)) {
            RunReport report = Fleet.run(options(baseline.port(), "--agents", "20", "--processes", "5",
                    "--duration", "4", "--restart-storm-at", "2", "--profiling-share", "0.5",
                    "--trigger-chance", "0.05", "--task-duration", "100", "--churn", "0.05"));

            // by kind and by method, so that a failure names what went wrong
            assertThat(report.misreads()).allSatisfy((kind, count) -> assertThat(count).as(kind).isZero());
            assertThat(report.methods()).allSatisfy(m -> assertThat(m.errors()).as(m.method()).isEmpty());
            assertThat(report.unfinishedCalls()).isZero();
            for (RpcMethod method : RpcMethod.values()) {
                assertThat(report.method(method).ok()).as(method.wireName()).isPositive();
            }
            // 100 processes, registered again after the storm, plus churned pods
            assertThat(report.events().get(FleetEvent.REGISTRATIONS.name())).isGreaterThan(100);
            assertThat(report.events().get(FleetEvent.PINGS.name())).isPositive();
            assertThat(report.events().get(FleetEvent.AGENT_RESTARTS.name())).isGreaterThanOrEqualTo(20);
            assertThat(report.events().get(FleetEvent.TASKS_STARTED.name())).isPositive();
            assertThat(report.events().get(FleetEvent.PROFILING_MESSAGES.name())).isPositive();
            assertThat(report.events().get(FleetEvent.NETWORK_FLUSHES.name())).isPositive();
            assertThat(report.throughput().rpcsPerSecond()).isPositive();
        }
    }

    @Test
    void aWrongTokenIsAnRpcErrorNotAMisread() throws Exception {
        try (BaselineServer baseline = BaselineServer.start(LOOPBACK, 0, "s3cret")) {
            RunReport denied = Fleet.run(options(baseline.port(), "--agents", "3", "--duration", "1"));
            RunReport admitted = Fleet.run(options(baseline.port(), "--agents", "3", "--duration", "1",
                    "--token", "s3cret"));

            assertThat(denied.totalMisreads()).isZero();
            assertThat(denied.method(RpcMethod.REPORT_PROCESSES).errors()).containsOnlyKeys("PERMISSION_DENIED");
            assertThat(denied.events().get(FleetEvent.REGISTRATIONS.name())).isZero();
            assertThat(admitted.totalRpcErrors()).isZero();
            assertThat(admitted.events().get(FleetEvent.REGISTRATIONS.name())).isPositive();
        }
    }

    @Test
    void repliesThatBreakAgentsAreCountedAndCrashThem() throws Exception {
        Server faulty = NettyServerBuilder.forAddress(new InetSocketAddress(LOOPBACK, 0))
                .addService(new DropsFirstProcess())
                .addService(new AnswersTriggersWithNothing())
                .build().start();
        try {
            RunReport report = Fleet.run(options(faulty.getPort(), "--agents", "5", "--processes", "4",
                    "--duration", "2", "--profiling-share", "1"));

            assertThat(report.misreads().get("PROCESS_MISSING_FROM_REPLY")).isPositive();
            assertThat(report.misreads().get("TASK_REPLY_EMPTY")).isPositive();
            assertThat(report.events().get(FleetEvent.AGENT_CRASHES.name())).isPositive();
            // services this server lacks fail with a status, which is not a misread
            assertThat(report.method(RpcMethod.QUERY_TASKS).errors()).containsOnlyKeys("UNIMPLEMENTED");
        } finally {
            faulty.shutdownNow().awaitTermination();
        }
    }

    @Test
    void theServersOwnLatencyIsReadFromItsMetricsAtTheStartAndEndOfTheMeasuredSeconds() throws Exception {
        // A stand-in /metrics whose keepAlive histogram gains 10 fast calls and 1 slow one per scrape.
        AtomicInteger scrapes = new AtomicInteger();
        HttpServer metrics = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        metrics.createContext("/metrics", exchange -> {
            int n = scrapes.incrementAndGet();
            byte[] body = ("groundstation_rpc_duration_seconds_bucket{method=\"keepAlive\",le=\"0.001\"} " + 10 * n
                    + "\ngroundstation_rpc_duration_seconds_bucket{method=\"keepAlive\",le=\"+Inf\"} " + 11 * n
                    + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        metrics.start();
        try (BaselineServer baseline = BaselineServer.start(LOOPBACK, 0, null)) {
            RunReport report = Fleet.run(options(baseline.port(), "--agents", "2", "--duration", "2", "--warmup", "1",
                    "--server-metrics", "http://127.0.0.1:" + metrics.getAddress().getPort() + "/metrics"));

            assertThat(scrapes).hasValue(2);
            assertThat(report.serverLatency()).containsOnlyKeys("keepAlive");
            assertThat(report.serverLatency().get("keepAlive")).isEqualTo(new ServerLatency.Method(11, 1.0, null));
        } finally {
            metrics.stop(0);
        }
    }

    private static SimulatorOptions options(int port, String... extra) {
        List<String> args = new ArrayList<>(List.of("--target", "127.0.0.1:" + port, "--time-scale", "0.01",
                "--drain", "3", "--seed", "7"));
        args.addAll(List.of(extra));
        return SimulatorOptions.parse(args.toArray(String[]::new));
    }

    private static <T> void answer(StreamObserver<T> responseObserver, T reply) {
        responseObserver.onNext(reply);
        responseObserver.onCompleted();
    }

    /** Leaves the first process of every report out of its reply. */
    private static final class DropsFirstProcess extends EBPFProcessServiceGrpc.EBPFProcessServiceImplBase {
        @Override
        public void reportProcesses(EBPFProcessReportList request,
                                    StreamObserver<EBPFReportProcessDownstream> responseObserver) {
            EBPFReportProcessDownstream.Builder reply = EBPFReportProcessDownstream.newBuilder();
            request.getProcessesList().stream().skip(1).forEach(p -> reply.addProcesses(EBPFProcessDownstream.newBuilder().setProcessId("x")
                    .setK8SProcess(EBPFKubernetesProcessDownstream.newBuilder()
                            .setPid(p.getK8SProcess().getPid())
                            .setEntityMetadata(p.getK8SProcess().getEntity()))));
            answer(responseObserver, reply.build());
        }

        @Override
        public void keepAlive(EBPFProcessPingPkgList request,
                              StreamObserver<Commands> responseObserver) {
            answer(responseObserver, Commands.getDefaultInstance());
        }
    }

    /** Answers every trigger with an empty Commands, which crashes a real agent. */
    private static final class AnswersTriggersWithNothing
            extends ContinuousProfilingServiceGrpc.ContinuousProfilingServiceImplBase {
        @Override
        public void reportProfilingTask(ContinuousProfilingReport request, StreamObserver<Commands> responseObserver) {
            answer(responseObserver, Commands.getDefaultInstance());
        }

        @Override
        public void queryPolicies(ContinuousProfilingPolicyQuery request,
                                  StreamObserver<Commands> responseObserver) {
            answer(responseObserver, Commands.getDefaultInstance());
        }
    }
}

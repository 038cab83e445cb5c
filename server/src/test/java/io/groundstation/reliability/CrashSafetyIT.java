package io.groundstation.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.registry.Ids;
import io.groundstation.testing.ServerProcess;
import io.groundstation.testing.TestServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static io.groundstation.testing.Protos.entity;
import static io.groundstation.testing.Protos.k8s;
import static io.groundstation.testing.Protos.ping;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 under a steady fleet, at random moments, then a restart on the same data: every acknowledged
 * registration is there, the last-seen time lost is bounded by the flush interval, and the fleet is alive again
 * after one heartbeat round.
 */
class CrashSafetyIT {

    private static final int AGENTS = 8;
    private static final int PROCESSES_PER_AGENT = 25;
    private static final long FLUSH_MILLIS = 1000;
    private static final long HEARTBEAT_MILLIS = 200;

    @TempDir
    Path data;

    /** When each process's registration, and its latest keep-alive, was acknowledged (epoch ms). */
    private final Map<String, Long> registeredAt = new ConcurrentHashMap<>();
    private final Map<String, Long> lastAckedPing = new ConcurrentHashMap<>();
    private volatile CountDownLatch reported = new CountDownLatch(0);

    @Test
    void acknowledgedStateSurvivesKillNine() throws Exception {
        Random random = new Random(42);
        Map<String, String> environment = Map.of("GROUNDSTATION_REGISTRY_PING_FLUSH_INTERVAL", FLUSH_MILLIS + "ms");
        for (int round = 0; round < 3; round++) {
            long killedAt;
            try (ServerProcess server = ServerProcess.start(data, environment)) {
                if (round > 0) {
                    assertAcknowledgedStateSurvived(server);
                }
                AtomicBoolean running = new AtomicBoolean(true);
                ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort())
                        .usePlaintext().build();
                // The agents outlive the server: same agents, same processes, every round.
                reported = new CountDownLatch(AGENTS);
                List<Thread> fleet = IntStream.range(0, AGENTS)
                        .mapToObj(a -> started(() -> runAgent(channel, a, running))).toList();
                // Kill only once every agent was answered: the test is about what was acknowledged.
                assertThat(reported.await(60, TimeUnit.SECONDS)).as("every agent registered").isTrue();
                // At least one flush after the reports: what a crash may lose is only what came since the last one.
                Thread.sleep(FLUSH_MILLIS * 3 / 2 + random.nextInt(2000));
                server.kill();
                killedAt = System.currentTimeMillis();
                running.set(false);
                for (Thread agent : fleet) {
                    agent.join();
                }
                channel.shutdownNow();
            }
            assertThat(killedAt).isPositive();
        }
        // A short liveness window makes the whole fleet dead while it is away, so convergence means something.
        Thread.sleep(1500);
        try (ServerProcess server = ServerProcess.start(data, Map.of(
                "GROUNDSTATION_REGISTRY_PING_FLUSH_INTERVAL", FLUSH_MILLIS + "ms",
                "GROUNDSTATION_REGISTRY_LIVENESS_WINDOW", "1s"))) {
            assertAcknowledgedStateSurvived(server);
            assertThat(aliveProcesses(server)).isZero();
            assertFleetConvergesWithinOneRound(server);
        }
    }

    /** One agent: registers its processes, then pings them every heartbeat until the server goes away. */
    private void runAgent(ManagedChannel channel, int agent, AtomicBoolean running) {
        EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub stub = EBPFProcessServiceGrpc.newBlockingStub(channel);
        EBPFProcessReportList.Builder report = EBPFProcessReportList.newBuilder().setEbpfAgentID("agent-" + agent);
        EBPFProcessPingPkgList.Builder pings = EBPFProcessPingPkgList.newBuilder().setEbpfAgentID("agent-" + agent);
        for (int p = 0; p < PROCESSES_PER_AGENT; p++) {
            EBPFProcessEntityMetadata e = entity("K8S_SERVICE", "svc-" + (agent % 3), "pod-" + agent, "proc-" + p);
            report.addProcesses(k8s(e, 1000 + p, "proc"));
            pings.addProcesses(ping(e, true));
        }
        try {
            stub.withDeadlineAfter(30, TimeUnit.SECONDS).reportProcesses(report.build()).getProcessesList()
                    .forEach(reply -> registeredAt.put(reply.getProcessId(), System.currentTimeMillis()));
            reported.countDown();
            while (running.get()) {
                long sentAt = System.currentTimeMillis();
                stub.withDeadlineAfter(5, TimeUnit.SECONDS).keepAlive(pings.build());
                for (EBPFProcessEntityMetadata e : report.getProcessesList().stream()
                        .map(p -> p.getK8SProcess().getEntity()).toList()) {
                    lastAckedPing.put(Ids.processId(e.getServiceName(), e.getInstanceName(), e.getProcessName()),
                            sentAt);
                }
                Thread.sleep(HEARTBEAT_MILLIS);
            }
        } catch (StatusRuntimeException killed) {
            // the server was killed mid-call: nothing of this call was acknowledged
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void assertAcknowledgedStateSurvived(ServerProcess server) throws Exception {
        assertThat(registeredAt).isNotEmpty();
        long worstLoss = 0;
        for (Map.Entry<String, Long> registration : registeredAt.entrySet()) {
            JsonNode process = getProcess(server, registration.getKey());
            assertThat(process).as("acknowledged registration %s", registration.getKey()).isNotNull();
            long lastSeen = process.get("lastSeen").asLong();
            // A re-report of an unchanged process is a keep-alive: its last seen is coalesced like one.
            assertThat(registration.getValue() - lastSeen).isLessThanOrEqualTo(2 * FLUSH_MILLIS + 500);
            Long pinged = lastAckedPing.get(registration.getKey());
            if (pinged != null) {
                // What a crash loses is what was pinged since the last flush, plus the flush in progress.
                assertThat(pinged - lastSeen).as("last seen lost for %s", registration.getKey())
                        .isLessThanOrEqualTo(2 * FLUSH_MILLIS + 500);
                worstLoss = Math.max(worstLoss, pinged - lastSeen);
            }
        }
        System.out.printf("after kill -9: %d acknowledged registrations all present; largest last-seen loss %d ms"
                + " (flush interval %d ms)%n", registeredAt.size(), worstLoss, FLUSH_MILLIS);
    }

    private void assertFleetConvergesWithinOneRound(ServerProcess server) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext()
                .build();
        List<Thread> fleet = IntStream.range(0, AGENTS)
                .mapToObj(a -> started(() -> runAgent(channel, a, running))).toList();
        long started = System.currentTimeMillis();
        long alive = 0;
        // One round is a heartbeat plus the flush that writes it; allow three for a loaded machine.
        long deadline = started + 3 * (HEARTBEAT_MILLIS + FLUSH_MILLIS);
        while (alive < AGENTS * PROCESSES_PER_AGENT && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            alive = aliveProcesses(server);
        }
        long converged = System.currentTimeMillis() - started;
        running.set(false);
        for (Thread agent : fleet) {
            agent.join();
        }
        channel.shutdownNow();
        assertThat(alive).isEqualTo(AGENTS * PROCESSES_PER_AGENT);
        System.out.printf("fleet of %d processes alive again %d ms after the restarted server saw it%n", alive,
                converged);
    }

    private static long aliveProcesses(ServerProcess server) throws Exception {
        return TestServer.readJson(get(server, "/api/processes?state=alive&limit=1").body()).get("total").asLong();
    }

    private static Thread started(Runnable agent) {
        Thread thread = new Thread(agent, "agent");
        thread.start();
        return thread;
    }

    private static JsonNode getProcess(ServerProcess server, String id) throws Exception {
        HttpResponse<String> response = get(server, "/api/processes/" + id);
        return response.statusCode() == 200 ? TestServer.readJson(response.body()) : null;
    }

    private static HttpResponse<String> get(ServerProcess server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

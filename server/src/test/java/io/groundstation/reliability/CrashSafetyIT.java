package io.groundstation.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.registry.Ids;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.ServerProcess;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousOnCPUProfilingTask;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingReport;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static io.groundstation.testing.fixtures.Protos.ping;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 under a steady fleet, at random moments, then a restart on the same data: every acknowledged
 * registration, policy and task is there, the last-seen time lost is bounded by the flush interval, and the fleet
 * is alive again after one heartbeat round. On every database: the server runs in its own JVM, so PostgreSQL sees
 * its connections die with it.
 */
@OnEveryDatabase
class CrashSafetyIT {

    @Parameter
    TestDatabase database;

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
    /** Per service, the threshold of the newest policy acknowledged; the next PUT raises it by one. */
    private final Map<String, Integer> ackedThreshold = new ConcurrentHashMap<>();
    private final Set<String> ackedTasks = ConcurrentHashMap.newKeySet();
    private Map<String, String> databaseEnvironment;

    @Test
    void acknowledgedStateSurvivesKillNine() throws Exception {
        Random random = new Random(42);
        databaseEnvironment = new HashMap<>();
        database.create(data).forEach((setting, value) -> databaseEnvironment.put(setting.environmentVariable(), value));
        Map<String, String> environment = environment(Map.of(
                "GROUNDSTATION_REGISTRY_PING_FLUSH_INTERVAL", FLUSH_MILLIS + "ms",
                "GROUNDSTATION_TASK_MAX_CONCURRENT_PER_SERVICE", "1000"));
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
                List<Thread> fleet = new ArrayList<>(IntStream.range(0, AGENTS)
                        .mapToObj(a -> started(() -> runAgent(channel, a, running))).toList());
                // Kill only once every agent was answered: the test is about what was acknowledged.
                assertThat(reported.await(60, TimeUnit.SECONDS)).as("every agent registered").isTrue();
                fleet.add(started(() -> writePolicies(server, running)));
                fleet.add(started(() -> triggerTasks(channel, running)));
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
        try (ServerProcess server = ServerProcess.start(data, environment(Map.of(
                "GROUNDSTATION_REGISTRY_PING_FLUSH_INTERVAL", FLUSH_MILLIS + "ms",
                "GROUNDSTATION_REGISTRY_LIVENESS_WINDOW", "1s")))) {
            assertAcknowledgedStateSurvived(server);
            assertThat(aliveProcesses(server)).isZero();
            assertFleetConvergesWithinOneRound(server);
        }
    }

    private Map<String, String> environment(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(databaseEnvironment);
        all.putAll(settings);
        return all;
    }

    /** A person editing policies: each PUT raises the CPU threshold of one service by one. */
    private void writePolicies(ServerProcess server, AtomicBoolean running) {
        for (int i = 0; running.get(); i++) {
            String service = "svc-" + (i % 3);
            int threshold = ackedThreshold.getOrDefault(service, 0) + 1;
            try {
                HttpResponse<String> put = send(server, "PUT", "/api/policies/" + service, """
                        {"targets": {"ON_CPU": {"PROCESS_CPU": {"threshold": %d, "period": 10, "count": 5}}}}"""
                        .formatted(threshold));
                assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
                ackedThreshold.put(service, threshold);
            } catch (IOException killed) {
                return; // the server died mid-request: nothing of it was acknowledged
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Policies firing: each report names a process not yet profiled, so each acknowledged one is a new task. */
    private void triggerTasks(ManagedChannel channel, AtomicBoolean running) {
        ContinuousProfilingServiceGrpc.ContinuousProfilingServiceBlockingStub stub =
                ContinuousProfilingServiceGrpc.newBlockingStub(channel);
        for (int i = ackedTasks.size(); running.get() && i < AGENTS * PROCESSES_PER_AGENT; i++) {
            int agent = i % AGENTS;
            try {
                Commands reply = stub.withDeadlineAfter(5, TimeUnit.SECONDS).reportProfilingTask(
                        ContinuousProfilingReport.newBuilder().setLayer("K8S_SERVICE")
                                .setServiceName("svc-" + (agent % 3)).setInstanceName("pod-" + agent)
                                .setProcessName("proc-" + (i / AGENTS)).setDuration(600)
                                .setOnCPU(ContinuousOnCPUProfilingTask.getDefaultInstance()).build());
                ackedTasks.add(reply.getCommands(0).getArgs(0).getValue());
                Thread.sleep(20);
            } catch (StatusRuntimeException killed) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
        assertThat(ackedThreshold).as("policies were acknowledged").isNotEmpty();
        for (Map.Entry<String, Integer> acked : ackedThreshold.entrySet()) {
            int stored = TestServer.readJson(get(server, "/api/policies/" + acked.getKey()).body()).get("targets")
                    .get("ON_CPU").get("PROCESS_CPU").get("threshold").asInt();
            // The PUT in flight at the kill may have been stored without its answer arriving.
            assertThat(stored).as("policy of %s", acked.getKey()).isBetween(acked.getValue(), acked.getValue() + 1);
        }
        assertThat(ackedTasks).as("tasks were acknowledged").isNotEmpty();
        for (String task : ackedTasks) {
            assertThat(get(server, "/api/tasks/" + task).statusCode()).as("acknowledged task %s", task)
                    .isEqualTo(200);
        }
        System.out.printf("after kill -9 on %s: %d acknowledged registrations, %d policies and %d tasks all present;"
                        + " largest last-seen loss %d ms (flush interval %d ms)%n", database,
                registeredAt.size(), ackedThreshold.size(), ackedTasks.size(), worstLoss, FLUSH_MILLIS);
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
        return send(server, "GET", path, null);
    }

    private static HttpResponse<String> send(ServerProcess server, String method, String path, String body)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.httpPort() + path)).timeout(java.time.Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.groundstation.cluster;

import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import io.groundstation.testing.harness.LocalPostgres;
import io.groundstation.testing.harness.TcpForwarder;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.groundstation.testing.fixtures.Policies.CPU_OVER_80;
import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static io.groundstation.testing.fixtures.Protos.ping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database goes away under a running server (its connections cut by a forwarder) and comes back: agents get
 * UNAVAILABLE, the HTTP API 503 with its JSON error, and both are answered again once it is back.
 */
class DatabaseOutageIT {

    private static final EBPFProcessEntityMetadata FIRST = entity("GENERAL", "svc", "pod-1", "app");
    private static final EBPFProcessEntityMetadata SECOND = entity("GENERAL", "svc", "pod-2", "app");
    private static final EBPFProcessEntityMetadata UNSEEN = entity("GENERAL", "svc", "pod-3", "app");

    @TempDir
    Path dir;

    @Test
    void keepsAcceptingPingsWhileTheDatabaseIsAwayAndWritesThemWhenItReturns() throws InterruptedException {
        Map<Setting<?>, String> database = TestDatabase.POSTGRESQL.create(dir);
        try (TcpForwarder link = TcpForwarder.to(LocalPostgres.shared().port());
             TestServer server = TestServer.start(dir, through(link, database))) {
            EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub agent =
                    EBPFProcessServiceGrpc.newBlockingStub(server.channel());
            String first = agent.reportProcesses(report(FIRST)).getProcesses(0).getProcessId();
            String second = agent.reportProcesses(report(SECOND)).getProcesses(0).getProcessId();

            link.cut();
            server.clock().advance(Duration.ofSeconds(30));
            long pingedAt = server.clock().millis();
            agent.keepAlive(pings(FIRST, SECOND));

            assertThat(server.get("/readyz").statusCode()).isEqualTo(503);
            assertThat(statusOf(() -> agent.reportProcesses(report(UNSEEN)))).isEqualTo(Status.Code.UNAVAILABLE);
            assertThatThrownBy(() -> server.server().parts().registry().flushPings())
                    .isInstanceOf(RuntimeException.class);
            assertThat(server.server().parts().registry().pendingPings()).as("kept for the next flush").isEqualTo(2);
            assertThat(statusOf(() -> agent.keepAlive(pings(UNSEEN))))
                    .as("past registry.max-pending-pings").isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(server.metrics().value("groundstation_pings_dropped_total")).isEqualTo(1);
            assertThat(server.metrics().value("groundstation_buffer_dropped_total", "buffer", "pings")).isEqualTo(1);

            link.restore();
            awaitReady(server);
            server.server().parts().registry().flushPings();

            server.clock().advance(Duration.ofSeconds(40));
            for (String id : new String[] {first, second}) {
                var process = server.getJson("/api/processes/" + id);
                assertThat(process.get("lastSeen").asLong()).isEqualTo(pingedAt);
                assertThat(process.get("state").asText()).isEqualTo("ALIVE");
            }
            assertThat(server.getJson("/api/processes?service=svc").get("total").asLong())
                    .as("the refused ping was not acknowledged, so not written").isEqualTo(2);
        }
    }

    @Test
    void theApiAnswers503WhileTheDatabaseIsAwayStaysUpAndAnswersWhenItReturns() throws InterruptedException {
        Map<Setting<?>, String> database = TestDatabase.POSTGRESQL.create(dir);
        try (TcpForwarder link = TcpForwarder.to(LocalPostgres.shared().port());
             TestServer server = TestServer.start(dir, through(link, database))) {
            assertThat(server.get("/api/tasks?service=svc").statusCode()).isEqualTo(200);

            link.cut();
            List<HttpResponse<String>> refused = List.of(server.get("/api/tasks?service=svc"),
                    server.get("/api/processes?service=svc"),
                    server.send("PUT", "/api/policies/svc", CPU_OVER_80, null));
            for (HttpResponse<String> answer : refused) {
                assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.request().uri())
                        .isEqualTo(503);
                assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/json"));
                assertThat(TestServer.readJson(answer.body()).get("error").asText())
                        .isEqualTo("storage unavailable; retry later");
                assertThat(answer.body()).doesNotContain("SQL", "jdbc", String.valueOf(link.port()));
            }
            assertThat(server.get("/healthz").statusCode()).as("the server itself is up").isEqualTo(200);

            link.restore();
            awaitReady(server);
            assertThat(server.send("PUT", "/api/policies/svc", CPU_OVER_80, null).statusCode()).isEqualTo(200);
            assertThat(server.get("/api/tasks?service=svc").statusCode()).isEqualTo(200);
        }
    }

    private static Map<Setting<?>, String> through(TcpForwarder link, Map<Setting<?>, String> database) {
        Map<Setting<?>, String> settings = new HashMap<>(database);
        settings.put(Settings.JDBC_URL, database.get(Settings.JDBC_URL)
                .replace(":" + LocalPostgres.shared().port() + "/", ":" + link.port() + "/"));
        settings.put(Settings.MAX_PENDING_PINGS, "2");
        return settings;
    }

    /** Waits, within a bound, for the pool to reconnect; readiness itself is what the test checks. */
    private static void awaitReady(TestServer server) throws InterruptedException {
        for (int attempt = 0; attempt < 60 && server.get("/readyz").statusCode() != 200; attempt++) {
            Thread.sleep(500);
        }
        assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
    }

    private static EBPFProcessReportList report(EBPFProcessEntityMetadata entity) {
        return EBPFProcessReportList.newBuilder().setEbpfAgentID("agent-1").addProcesses(k8s(entity, 7, "app"))
                .build();
    }

    private static EBPFProcessPingPkgList pings(EBPFProcessEntityMetadata... entities) {
        EBPFProcessPingPkgList.Builder list = EBPFProcessPingPkgList.newBuilder().setEbpfAgentID("agent-1");
        for (EBPFProcessEntityMetadata entity : entities) {
            list.addProcesses(ping(entity, true));
        }
        return list.build();
    }

    private static Status.Code statusOf(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}

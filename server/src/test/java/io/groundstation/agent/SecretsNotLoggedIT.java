package io.groundstation.agent;

import io.groundstation.testing.harness.ServerProcess;
import io.groundstation.testing.harness.TestServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The secrets an operator configures (agent token, admin token, database password), the wrong tokens clients
 * present (often a real token of another system) and the secrets in agents' command lines never reach the log,
 * not even at DEBUG, in its own JVM whose whole output is captured; the refusals themselves are logged.
 */
class SecretsNotLoggedIT {

    static final String AGENT_TOKEN = "agent-token-5e1f0a-distinct";
    static final String ADMIN_TOKEN = "admin-token-9c2b7d-distinct";
    static final String JDBC_PASSWORD = "jdbc-password-41d8e3-distinct";
    static final String WRONG_AGENT_TOKEN = "agent-token-typo-77aa-distinct";
    static final String WRONG_ADMIN_TOKEN = "admin-token-typo-88bb-distinct";
    static final String COMMAND_LINE_SECRET = "hunter2-distinct";
    static final List<String> SECRETS = List.of(AGENT_TOKEN, ADMIN_TOKEN, JDBC_PASSWORD, WRONG_AGENT_TOKEN,
            WRONG_ADMIN_TOKEN, COMMAND_LINE_SECRET);
    static final Map<String, String> ENVIRONMENT = Map.of("GROUNDSTATION_AGENT_TOKEN", AGENT_TOKEN,
            "GROUNDSTATION_ADMIN_TOKEN", ADMIN_TOKEN, "GROUNDSTATION_JDBC_PASSWORD", JDBC_PASSWORD,
            "GROUNDSTATION_LOG_LEVEL", "DEBUG");
    static final String POLICY = "{\"targets\": {\"ON_CPU\": {\"PROCESS_CPU\": {\"threshold\": 80, \"period\": 10,"
            + " \"count\": 5}}}}";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @Test
    void noSecretReachesTheLogWhileTheRefusalsDo() throws Exception {
        String log;
        try (ServerProcess server = ServerProcess.start(data, ENVIRONMENT)) {
            String processId = driveAgentPort(server);
            driveHttpApi(server, processId);
            server.terminate();
            log = server.log();
        }
        System.out.printf("SecretsNotLoggedIT: %d log lines at DEBUG, none holds any of %d secrets%n",
                log.lines().count(), SECRETS.size());
        assertThat(log).contains("refused reportProcesses", "refused PUT /api/policies/shop", "Stopped");
        SECRETS.forEach(secret -> assertThat(log).as("the server log").doesNotContain(secret));
    }

    @Test
    void helpAndConfigurationErrorsShowNoSecret() throws Exception {
        String help = ServerProcess.run(ENVIRONMENT, "--help");
        // A forgotten '=' makes the secret an argument of its own, which the error must not repeat.
        String misuse = ServerProcess.run(ENVIRONMENT, "--admin.token", ADMIN_TOKEN);
        String typo = ServerProcess.run(ENVIRONMENT, "--admin-token=" + ADMIN_TOKEN);
        assertThat(help).contains("admin.token", "jdbc.password");
        assertThat(misuse).contains("Unknown argument");
        assertThat(typo).contains("Unknown setting");
        for (String output : List.of(help, misuse, typo)) {
            SECRETS.forEach(secret -> assertThat(output).doesNotContain(secret));
        }
    }

    /** Refused calls without and with a wrong token, then a registration whose command line holds a password. */
    private static String driveAgentPort(ServerProcess server) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext()
                .build();
        try {
            EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub agent =
                    EBPFProcessServiceGrpc.newBlockingStub(channel);
            EBPFProcessReportList report = EBPFProcessReportList.newBuilder().setEbpfAgentID("node-a")
                    .addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-0", "java"), 7,
                            "java -jar shop.jar --password=" + COMMAND_LINE_SECRET))
                    .build();
            for (var refused : List.of(agent, TestServer.withToken(agent, WRONG_AGENT_TOKEN))) {
                assertThatThrownBy(() -> refused.reportProcesses(report)).isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
            }
            return TestServer.withToken(agent, AGENT_TOKEN).reportProcesses(report).getProcesses(0).getProcessId();
        } finally {
            channel.shutdownNow();
        }
    }

    private void driveHttpApi(ServerProcess server, String processId) throws Exception {
        String base = "http://127.0.0.1:" + server.httpPort();
        assertThat(put(base + "/api/policies/shop", null).statusCode()).isEqualTo(401);
        assertThat(put(base + "/api/policies/shop", WRONG_ADMIN_TOKEN).statusCode()).isEqualTo(401);
        assertThat(put(base + "/api/policies/shop", ADMIN_TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> process = http.send(HttpRequest.newBuilder(URI.create(base + "/api/processes/"
                + processId)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(process.body()).as("stored redacted").contains("--password=").doesNotContain(COMMAND_LINE_SECRET);
    }

    private HttpResponse<String> put(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(POLICY));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.groundstation.export;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import io.groundstation.jobs.ClusterJob;
import io.groundstation.protocol.pprof.Profile;
import io.groundstation.protocol.pprof.Sample;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.ClientStreams;
import io.groundstation.testing.fixtures.PyroscopeStandIn;
import io.groundstation.testing.fixtures.Rover;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.Scrape;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingData;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static io.groundstation.testing.fixtures.ProfileMessages.offCpu;
import static io.groundstation.testing.fixtures.ProfileMessages.onCpu;
import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export to Pyroscope end to end: tasks made through the API, samples uploaded by the agent port, pushes received
 * by a stand-in for Pyroscope's push API that decodes them, on SQLite and PostgreSQL.
 */
@OnEveryDatabase
class PyroscopeExportIT {

    private static final String TOKEN = "s3cret-token";
    /** Past a 60-s task's end and export.pyroscope.delay. */
    private static final Duration PAST_END = Duration.ofSeconds(60).plus(Settings.defaults().get(
            Settings.PYROSCOPE_DELAY));

    @Parameter
    TestDatabase database;

    @TempDir
    Path data;
    private PyroscopeStandIn pyroscope;
    private Map<Setting<?>, String> settings;
    private TestServer server;
    private final String javaProcess = Ids.processId("shop", "shop-0", "java");
    private final String envoyProcess = Ids.processId("shop", "shop-0", "envoy");
    private final String sshdProcess = Ids.processId("shop", "shop-0", "sshd");

    @BeforeEach
    void start() {
        pyroscope = PyroscopeStandIn.start();
        settings = new HashMap<>(database.create(data));
        settings.putAll(Map.of(Settings.PYROSCOPE_URL, pyroscope.url(), Settings.PYROSCOPE_TOKEN, TOKEN,
                Settings.PYROSCOPE_TENANT, "team-a",
                // Runs only when the test asks for one; a day of age keeps hour-long back-offs in the window.
                Settings.PYROSCOPE_INTERVAL, "1h", Settings.PYROSCOPE_MAX_AGE, "1d"));
        server = TestServer.start(data, settings);
        Rover.reportProcesses(server, "node-a",
                k8s(entity("K8S_SERVICE", "shop", "shop-0", "java"), 10, "java"),
                k8s(entity("K8S_SERVICE", "shop", "shop-0", "envoy"), 11, "envoy"),
                k8s(entity("K8S_SERVICE", "shop", "shop-0", "sshd"), 12, "sshd"));
    }

    @AfterEach
    void stop() {
        server.close();
        pyroscope.close();
    }

    @Test
    void eachEndedCpuTaskArrivesOnceWithItsLabelsAndTheStoredProfile() throws Exception {
        String onCpuTask = task(javaProcess, "ON_CPU");
        String offCpuTask = task(envoyProcess, "OFF_CPU");
        String emptyTask = task(sshdProcess, "ON_CPU");
        long t0 = server.clock().millis();
        upload(List.of(onCpu(onCpuTask, javaProcess, t0, 4, "main", "work"),
                onCpu(null, null, 0, 2, "main", "idle"),
                onCpu(onCpuTask, javaProcess, t0 + 20_000, 4, "main", "work"),
                offCpu(offCpuTask, envoyProcess, t0, 3, 6_000_000, "main", "poll"),
                offCpu(null, null, 0, 1, 500_000, "main", "read")));
        assertThat(runExport()).isTrue();
        assertThat(pyroscope.pushes()).as("still running").isEmpty();
        server.clock().advance(Duration.ofSeconds(60));
        assertThat(server.metrics().value("groundstation_pyroscope_pending")).as("ended, within the delay")
                .isEqualTo(3);
        assertThat(runExport()).isTrue();
        assertThat(pyroscope.pushes()).as("within export.pyroscope.delay").isEmpty();
        server.clock().advance(PAST_END.minusSeconds(60));

        assertThat(runExport()).isTrue();

        assertThat(pyroscope.malformed()).isEmpty();
        List<PyroscopeStandIn.Push> pushes = pyroscope.pushes();
        assertThat(pushes).hasSize(2);
        assertThat(pushes).allSatisfy(push -> {
            assertThat(push.contentType()).isEqualTo("application/json");
            assertThat(push.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(push.tenant()).isEqualTo("team-a");
            assertThat(push.series()).hasSize(1);
        });
        PyroscopeStandIn.Series onCpu = series(pushes, onCpuTask);
        assertThat(onCpu.labels()).containsExactly(Map.entry("__name__", "process_cpu"),
                Map.entry("service_name", "shop"), Map.entry("instance", "shop-0"), Map.entry("process", "java"),
                Map.entry("task_id", onCpuTask), Map.entry("target", "ON_CPU"));
        assertThat(total(onCpu.profile(), 0)).isEqualTo(10);
        assertThat(stacks(onCpu.profile(), 0)).isEqualTo(stacks(storedPprof(onCpuTask), 0))
                .containsEntry("main;work;do_syscall", 8L);
        PyroscopeStandIn.Series offCpu = series(pushes, offCpuTask);
        assertThat(offCpu.labels()).containsEntry("__name__", "off_cpu").containsEntry("process", "envoy")
                .containsEntry("target", "OFF_CPU");
        assertThat(total(offCpu.profile(), 0)).as("switches").isEqualTo(4);
        assertThat(total(offCpu.profile(), 1)).as("nanoseconds off the CPU").isEqualTo(6_500_000);
        assertThat(stacks(offCpu.profile(), 1)).isEqualTo(stacks(storedPprof(offCpuTask), 1));

        Scrape metrics = server.metrics();
        assertThat(metrics.value("groundstation_pyroscope_tasks_total", "outcome", "pushed")).isEqualTo(2);
        assertThat(metrics.value("groundstation_pyroscope_tasks_total", "outcome", "empty")).as(emptyTask)
                .isEqualTo(1);
        assertThat(metrics.value("groundstation_pyroscope_retries_total")).isZero();
        assertThat(metrics.value("groundstation_pyroscope_pending")).isZero();

        server.clock().advance(Duration.ofHours(2));
        assertThat(runExport()).isTrue();
        assertThat(pyroscope.pushes()).as("each task once").hasSize(2);

        assertThat(exportRows()).as("two pushed, one empty").isEqualTo(3);
        server.clock().advance(Settings.defaults().get(Settings.TASK_RETENTION));
        assertThat(server.server().parts().jobs().runIfLeaseHolder(ClusterJob.TASK_PURGE)).isTrue();
        assertThat(exportRows()).as("export rows go with their tasks").isZero();
    }

    @Test
    void aPushTheReceiverFailsIsRetriedAfterItsBackOffEvenAcrossARestart() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            retriedAcrossARestart();
        } finally {
            root.detachAppender(logged);
        }
        List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anyMatch(line -> line.contains("HTTP 503")).noneMatch(line -> line.contains(TOKEN));
    }

    private void retriedAcrossARestart() throws Exception {
        pyroscope.answerNext(503);
        String taskId = task(javaProcess, "ON_CPU");
        upload(List.of(onCpu(taskId, javaProcess, server.clock().millis(), 7, "main", "work")));
        server.clock().advance(PAST_END);

        assertThat(runExport()).isTrue();

        assertThat(pyroscope.pushes()).isEmpty();
        Scrape failed = server.metrics();
        assertThat(failed.value("groundstation_pyroscope_retries_total")).isEqualTo(1);
        assertThat(failed.value("groundstation_pyroscope_pending")).isEqualTo(1);
        assertThat(failed.value("groundstation_pyroscope_tasks_total", "outcome", "pushed")).isZero();
        String stored = storedExport(taskId);
        assertThat(stored).contains("attempts=1", "HTTP 503").doesNotContain(TOKEN);

        server.restart();
        assertThat(runExport()).isTrue();
        assertThat(pyroscope.pushes()).as("before the back-off (one interval)").isEmpty();
        server.clock().advance(Duration.ofHours(1));

        assertThat(runExport()).isTrue();

        assertThat(pyroscope.pushes()).singleElement().satisfies(push -> {
            assertThat(push.series()).singleElement().satisfies(series -> {
                assertThat(series.labels()).containsEntry("task_id", taskId);
                assertThat(total(series.profile(), 0)).isEqualTo(7);
            });
        });
        Scrape recovered = server.metrics();
        assertThat(recovered.value("groundstation_pyroscope_tasks_total", "outcome", "pushed")).isEqualTo(1);
        assertThat(recovered.value("groundstation_pyroscope_pending")).isZero();
        assertThat(storedExport(taskId)).contains("attempts=2", "outcome=pushed");
    }

    private boolean runExport() {
        return server.server().parts().jobs().runIfLeaseHolder(ClusterJob.PYROSCOPE_EXPORT);
    }

    private String task(String processId, String target) {
        HttpResponse<String> started = server.send("POST", "/api/tasks", """
                {"service": "shop", "target": "%s", "processIds": ["%s"], "durationSeconds": 60}"""
                .formatted(target, processId), null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return TestServer.readJson(started.body()).get("tasks").get(0).get("id").asText();
    }

    private void upload(List<EBPFProfilingData> messages) {
        ClientStreams.send(EBPFProfilingServiceGrpc.newStub(server.channel())::collectProfilingData, messages);
    }

    private static PyroscopeStandIn.Series series(List<PyroscopeStandIn.Push> pushes, String taskId) {
        return pushes.stream().flatMap(push -> push.series().stream())
                .filter(series -> taskId.equals(series.labels().get("task_id"))).findFirst().orElseThrow();
    }

    private static long total(Profile profile, int valueIndex) {
        return profile.getSampleList().stream().mapToLong(sample -> sample.getValue(valueIndex)).sum();
    }

    /** Value per stack, written root first with ';' as folded text does. */
    static Map<String, Long> stacks(Profile profile, int valueIndex) {
        Map<String, Long> stacks = new HashMap<>();
        for (Sample sample : profile.getSampleList()) {
            List<String> frames = new ArrayList<>();
            for (long location : sample.getLocationIdList()) {
                long function = profile.getLocation((int) location - 1).getLine(0).getFunctionId();
                frames.add(profile.getStringTable((int) profile.getFunction((int) function - 1).getName()));
            }
            Collections.reverse(frames);
            stacks.merge(String.join(";", frames), sample.getValue(valueIndex), Long::sum);
        }
        return stacks;
    }

    private Profile storedPprof(String taskId) throws Exception {
        byte[] gz = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.server().httpPort() + "/api/tasks/" + taskId + "/profile/pprof")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return Profile.parseFrom(in);
        }
    }

    private long exportRows() throws Exception {
        try (Connection connection = DriverManager.getConnection(settings.get(Settings.JDBC_URL),
                settings.getOrDefault(Settings.JDBC_USER, ""), "");
             ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM profile_export")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The task's row of profile_export, every column as name=value. */
    private String storedExport(String taskId) throws Exception {
        try (Connection connection = DriverManager.getConnection(settings.get(Settings.JDBC_URL),
                settings.getOrDefault(Settings.JDBC_USER, ""), "");
             ResultSet row = connection.createStatement().executeQuery(
                     "SELECT * FROM profile_export WHERE task_id = '" + taskId + "'")) {
            assertThat(row.next()).as("a row for " + taskId).isTrue();
            StringBuilder text = new StringBuilder();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                text.append(row.getMetaData().getColumnName(i).toLowerCase()).append('=').append(row.getString(i))
                        .append(' ');
            }
            return text.toString();
        }
    }
}

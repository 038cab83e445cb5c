package io.groundstation.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import io.groundstation.jobs.ClusterJob;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database made by any earlier migration set, with registry data in it, is upgraded by a server start to the
 * newest schema, and the data is still served. New migrations join by being added; fixtures use V1's tables.
 */
@OnEveryDatabase
class SchemaUpgradeIT {

    private static final String PROCESS_ID = "3f84517a2b0f75e4b91f6fd23b020aa6f9b2cdae0a3d075ff7ee230000ee468d";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    @Test
    void upgradesEveryEarlierSchemaWithItsDataToTheNewest() throws SQLException {
        List<MigrationVersion> versions = versions(database.create(dir.resolve("probe")));
        assertThat(versions).as("migrations on the classpath").hasSizeGreaterThan(1);
        MigrationVersion newest = versions.get(versions.size() - 1);

        for (MigrationVersion from : versions.subList(0, versions.size() - 1)) {
            Path nodeDir = dir.resolve("from-" + from);
            Map<Setting<?>, String> settings = database.create(nodeDir);
            flyway(settings).target(from).load().migrate();
            long seen = System.currentTimeMillis();
            insertRegistryFixture(settings, seen);

            try (TestServer server = TestServer.start(nodeDir, settings)) {
                assertThat(flyway(settings).load().info().current().getVersion()).as("from " + from)
                        .isEqualTo(newest);
                JsonNode process = server.getJson("/api/processes/" + PROCESS_ID);
                assertThat(process.get("service").asText()).isEqualTo("sqrt");
                assertThat(process.get("labels").get(0).asText()).isEqualTo("blue");
                assertThat(process.get("properties").get("pod_name").asText()).isEqualTo("test-instance");
                assertThat(process.get("pid").asInt()).isEqualTo(42);
                assertThat(process.get("lastSeen").asLong()).isEqualTo(seen);
                assertThat(server.getJson("/api/agents").get(0).get("id").asText()).isEqualTo("agent-1");
                // The newest schema works too: the purge takes its lease (job_lease, added after V1).
                assertThat(server.server().parts().jobs().runIfLeaseHolder(ClusterJob.REGISTRY_PURGE)).isTrue();
            }
        }
    }

    @Test
    void theContentCapOfEachTaskStartsFromTheEventsStoredBeforeTheUpgrade() throws SQLException {
        Map<Setting<?>, String> settings = database.create(dir.resolve("content"));
        flyway(settings).target(MigrationVersion.fromVersion("13")).load().migrate();
        Settings resolved = Settings.defaults().with(settings);
        try (Connection connection = DriverManager.getConnection(resolved.get(Settings.JDBC_URL),
                resolved.get(Settings.JDBC_USER), resolved.get(Settings.JDBC_PASSWORD))) {
            long[][] events = {{1, 100}, {2, 0}, {3, 250}};
            try (PreparedStatement event = connection.prepareStatement("INSERT INTO network_event (id, task_id,"
                    + " trace_id, process_id, event, start_time, end_time, segment_id, span_id, tags, content,"
                    + " content_bytes, content_truncated, content_dropped)"
                    + " VALUES (?, ?, 't', 'p', 'HTTP Request Sampling', 1, 2, 's', '0', '{}', 'x', ?, FALSE, FALSE)")) {
                for (long[] e : events) {
                    event.setLong(1, e[0]);
                    event.setString(2, e[0] == 3 ? "task-b" : "task-a");
                    event.setLong(3, e[1]);
                    event.executeUpdate();
                }
            }
            flyway(settings).load().migrate();
            Map<String, Long> bytes = new TreeMap<>();
            try (ResultSet rows = connection.createStatement().executeQuery(
                    "SELECT task_id, bytes FROM network_content")) {
                while (rows.next()) {
                    bytes.put(rows.getString(1), rows.getLong(2));
                }
            }
            assertThat(bytes).containsExactly(Map.entry("task-a", 100L), Map.entry("task-b", 250L));
        }
    }

    private static List<MigrationVersion> versions(Map<Setting<?>, String> settings) {
        return Arrays.stream(flyway(settings).load().info().all()).map(MigrationInfo::getVersion).sorted().toList();
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(Map<Setting<?>, String> values) {
        Settings settings = Settings.defaults().with(values);
        return Flyway.configure().locations("classpath:db/migration").dataSource(settings.get(Settings.JDBC_URL),
                settings.get(Settings.JDBC_USER), settings.get(Settings.JDBC_PASSWORD));
    }

    /** One process and its agent, written with V1's columns as a server of that time would have. */
    private static void insertRegistryFixture(Map<Setting<?>, String> values, long seen) throws SQLException {
        Settings settings = Settings.defaults().with(values);
        try (Connection connection = DriverManager.getConnection(settings.get(Settings.JDBC_URL),
                settings.get(Settings.JDBC_USER), settings.get(Settings.JDBC_PASSWORD))) {
            try (PreparedStatement process = connection.prepareStatement("INSERT INTO process (id, layer,"
                    + " service_name, instance_name, process_name, labels, properties, detect_type, pid, agent_id,"
                    + " ebpf_supported, first_seen, last_seen, registered_at)"
                    + " VALUES (?, 'GENERAL', 'sqrt', 'test-instance', 'sqrt', '[\"blue\"]',"
                    + " '{\"pod_name\":\"test-instance\"}', 'KUBERNETES', 42, 'agent-1', TRUE, ?, ?, ?)")) {
                process.setString(1, PROCESS_ID);
                process.setLong(2, seen);
                process.setLong(3, seen);
                process.setLong(4, seen);
                process.executeUpdate();
            }
            try (PreparedStatement agent = connection.prepareStatement(
                    "INSERT INTO agent (id, first_seen, last_seen) VALUES ('agent-1', ?, ?)")) {
                agent.setLong(1, seen);
                agent.setLong(2, seen);
                agent.executeUpdate();
            }
        }
    }
}

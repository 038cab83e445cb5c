package io.groundstation.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A released migration never changes: Flyway refuses to start on a database whose history holds another checksum
 * for it. {@code db/released-migrations.properties} holds the checksums of the released files. Flyway's checksum
 * leaves out line breaks, so a migration may be re-broken, as V9 was, and nothing else.
 */
class ReleasedMigrationsTest {

    @Test
    void everyReleasedMigrationIsStillShippedWithItsReleasedChecksum() throws IOException {
        Map<String, Integer> shipped = new HashMap<>();
        for (MigrationInfo migration : Flyway.configure().locations("classpath:db/migration")
                .dataSource("jdbc:sqlite::memory:", "", "").load().info().all()) {
            shipped.put(migration.getVersion().getVersion(), migration.getChecksum());
        }

        Map<String, Integer> released = new HashMap<>();
        released().forEach((version, checksum) -> released.put((String) version, Integer.valueOf((String) checksum)));
        assertThat(released).hasSizeGreaterThanOrEqualTo(15);
        assertThat(shipped).containsAllEntriesOf(released);
    }

    private static Properties released() throws IOException {
        Properties released = new Properties();
        try (InputStream in = ReleasedMigrationsTest.class.getResourceAsStream("/db/released-migrations.properties")) {
            released.load(in);
        }
        return released;
    }
}

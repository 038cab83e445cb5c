package io.groundstation.testing.harness;

import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import io.groundstation.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The databases the storage tests run on. {@link #create(Path)} makes a new empty one and returns the settings
 * that point a server at it; servers started with the same settings share that database, as nodes do.
 */
public enum TestDatabase {

    /** Embedded SQLite in a file under the given directory, as the server keeps it by default. */
    SQLITE {
        @Override
        public Map<Setting<?>, String> create(Path dir) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(Settings.JDBC_URL, Database.embeddedUrl(dir));
        }
    },

    /** A database of its own on the JVM's {@link LocalPostgres} cluster. */
    POSTGRESQL {
        @Override
        public Map<Setting<?>, String> create(Path dir) {
            LocalPostgres cluster = LocalPostgres.shared();
            return Map.of(Settings.JDBC_URL, cluster.createDatabase(), Settings.JDBC_USER, cluster.user());
        }
    };

    public abstract Map<Setting<?>, String> create(Path dir);

    /** Opens (and migrates) the database these settings point at, as a server would. */
    public static Database open(Map<Setting<?>, String> settings) {
        return open(settings, new SimpleMeterRegistry());
    }

    public static Database open(Map<Setting<?>, String> settings, MeterRegistry metrics) {
        Settings resolved = Settings.defaults().with(settings);
        return Database.open(resolved.get(Settings.JDBC_URL), resolved.get(Settings.JDBC_USER),
                resolved.get(Settings.JDBC_PASSWORD), 4, metrics);
    }
}

package io.groundstation.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connection pool, the schema (migrated by Flyway at start) and the dialect in use. Each capability's JDBC
 * store takes one of these.
 */
public final class Database implements AutoCloseable {

    private static final int MAX_WRITE_ATTEMPTS = 5;
    /**
     * Unique violation, serialization failure, deadlock: a race lost at once, worth another go. Not a lock timeout:
     * that already waited the whole LOCK_TIMEOUT, and waiting again would hold the caller past any deadline.
     */
    private static final Set<String> RACE_STATES = Set.of("23505", "40001", "40P01");

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** The URL of the embedded H2 database kept in {@code dir}, with the options its guarantees rest on. */
    public static String embeddedH2Url(java.nio.file.Path dir) {
        // WRITE_DELAY=0: a commit reaches the file before the reply, so a kill -9 loses nothing acknowledged.
        // LOCK_TIMEOUT: writers of one hot row (repeated triggers) queue up rather than fail after H2's 1 s.
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("groundstation")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    }

    /** Opens the pool, whose hikaricp_* meters go to {@code metrics}, and migrates the schema. */
    public static Database open(String jdbcUrl, String user, String password, int poolSize,
                                MeterRegistry metrics) {
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(Math.max(2, poolSize));
        config.setPoolName("groundstation");
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        // Fail requests quickly while the database is away instead of piling up callers.
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);
        if (dialect == Dialect.POSTGRESQL) {
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, dialect);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Runs a write transaction, again when it lost a race to a concurrent writer: H2's MERGE is not atomic
     * against a concurrent insert of the same key (the retry then finds the row and updates it), and PostgreSQL
     * may pick a transaction as a deadlock or serialization victim.
     */
    public void write(HandleConsumer<RuntimeException> work) {
        writeResult(handle -> {
            work.useHandle(handle);
            return null;
        });
    }

    /** Like {@link #write(HandleConsumer)}, for a transaction with a result (a count of deleted rows). */
    public <T> T writeResult(HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(work);
            } catch (JdbiException e) {
                if (attempt >= MAX_WRITE_ATTEMPTS || !lostARace(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean lostARace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && RACE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** True when a connection can be had and answers; what /readyz reports. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            dataSource.close();
        }
    }
}

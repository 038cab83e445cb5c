package io.groundstation.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.groundstation.metrics.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connection pool, the schema (migrated by Flyway at start) and the dialect in use. Each capability's JDBC
 * store takes one of these.
 */
public final class Database implements AutoCloseable {

    /** The embedded database's file in data.dir. */
    public static final String EMBEDDED_FILE = "groundstation.db";

    private static final int MAX_WRITE_ATTEMPTS = 5;
    /**
     * PostgreSQL: unique violation, serialization failure, deadlock: a race lost at once, worth another go. Not a
     * lock timeout: that already waited the whole timeout, and waiting again would hold the caller past any deadline.
     */
    private static final Set<String> RACE_STATES = Set.of("23505", "40001", "40P01");
    /**
     * SQLite's counterparts, the busy and locked results it returns at once, without waiting in its busy handler:
     * a read snapshot gone stale before it could write, a WAL being recovered by another connection, a table locked
     * within the process. Plain SQLITE_BUSY is not among them: it comes after the whole busy timeout.
     */
    private static final Set<SQLiteErrorCode> SQLITE_RACES = Set.of(SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT,
            SQLiteErrorCode.SQLITE_BUSY_RECOVERY, SQLiteErrorCode.SQLITE_LOCKED,
            SQLiteErrorCode.SQLITE_LOCKED_SHAREDCACHE);
    /** How long a writer waits for the embedded database's one write lock before the call fails as unavailable. */
    private static final int WRITER_WAIT_MILLIS = 10_000;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    /**
     * SQLite has one writer at a time. Writers of this process queue here, first come first served, instead of
     * polling SQLite's busy handler (which sleeps up to 100 ms between tries, so under load the lock would sit idle
     * while writers sleep, and the unlucky wait longest). Null on PostgreSQL, where writers lock rows, not the
     * database.
     */
    private final ReentrantLock writer;
    /**
     * On SQLite, streamed writes (what agents stream: NETWORK results, profiles, meters) share transactions, one
     * transaction at a time in the queue for {@link #writer}: a registration, whose reply waits for its commit, then
     * waits for at most one streamed transaction. With every stream writer in the one queue, a registration waited
     * behind dozens of them: p50 4.8 s at 10 000 agents, all in that queue (JFR, BENCHMARKS.md). Sharing, the
     * pages the streams all touch (the ends of the event, sample and meter tables and their indexes) are written to
     * the WAL once per group rather than once per stream. Null on PostgreSQL.
     */
    private final GroupCommit<HandleConsumer<RuntimeException>> streamed;
    /**
     * How long writes queued for {@link #writer} and held it, streamed ones ({@link #writeBulk}) apart: on SQLite the
     * time held, summed, is how busy the one writer is.
     */
    private final WriteTimers otherWrites;
    private final WriteTimers streamedWrites;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(HikariDataSource dataSource, Dialect dialect, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource);
        this.writer = dialect == Dialect.SQLITE ? new ReentrantLock(true) : null;
        this.otherWrites = WriteTimers.of("other", metrics);
        this.streamedWrites = WriteTimers.of("streamed", metrics);
        this.streamed = dialect == Dialect.SQLITE ? new GroupCommit<>(works -> writeResult(
                withoutResult(handle -> works.forEach(work -> work.useHandle(handle))), streamedWrites)) : null;
    }

    /** The wait for the writer (SQLite only) and the transaction itself, of one kind of write. */
    private record WriteTimers(Timer waited, Timer held) {

        static WriteTimers of(String writes, MeterRegistry metrics) {
            return new WriteTimers(Metrics.latency("groundstation_database_write_wait").tag("writes", writes)
                    .description("Time a write transaction queued for the embedded database's one writer")
                    .register(metrics),
                    Metrics.latency("groundstation_database_write").tag("writes", writes)
                            .description("Time of a write transaction, commit included, from its start")
                            .register(metrics));
        }
    }

    /** The URL of the embedded SQLite database kept in {@code dir}; {@link #open} adds what its guarantees rest on. */
    public static String embeddedUrl(Path dir) {
        return "jdbc:sqlite:" + dir.toAbsolutePath().resolve(EMBEDDED_FILE);
    }

    /**
     * Opens the pool, whose hikaricp_* meters go to {@code metrics}, and migrates the schema. On SQLite,
     * {@code poolSize} connections serve readers, which run concurrently with the writer in WAL mode; writers take
     * one connection at a time (see {@link #writer}).
     */
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
        switch (dialect) {
            case POSTGRESQL -> config.addDataSourceProperty("reWriteBatchedInserts", "true");
            case SQLITE -> config.setDataSourceProperties(sqliteSettings());
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
        return new Database(dataSource, dialect, metrics);
    }

    /**
     * What every SQLite connection is opened with (settings in the URL take precedence):
     * <ul>
     * <li>WAL: readers do not block the writer nor it them, and the file is rewritten in place, so it stays
     * bounded (docs/design.md, "The embedded store"); {@code journal_size_limit} trims the -wal file after a
     * checkpoint instead of keeping the largest transaction's size.
     * <li>{@code synchronous=FULL}: a commit is fsynced before it returns, so what was acknowledged survives a
     * kill -9 and a power loss.
     * <li>{@code transaction_mode=IMMEDIATE}: a transaction takes the write lock at BEGIN, so two never both read
     * and then fail to upgrade to writing (SQLITE_BUSY without waiting).
     * <li>{@code busy_timeout}: a writer from outside {@link #writer} (another pool on the same file) waits.
     * </ul>
     */
    private static Properties sqliteSettings() {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        sqlite.setBusyTimeout(WRITER_WAIT_MILLIS);
        sqlite.setJournalSizeLimit(64 << 20);
        return sqlite.toProperties();
    }

    /** Runs reads on a connection of the pool, outside any transaction; writes go through {@link #write}. */
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return jdbi.withHandle(work);
    }

    /**
     * Runs a write transaction, again when it lost a race to a concurrent writer (PostgreSQL may pick a transaction
     * as a deadlock or serialization victim). Every write goes through here: on SQLite it is what queues writers.
     */
    public void write(HandleConsumer<RuntimeException> work) {
        writeResult(withoutResult(work), otherWrites);
    }

    /** Like {@link #write(HandleConsumer)}, for a transaction with a result (a count of deleted rows). */
    public <T> T writeResult(HandleCallback<T, RuntimeException> work) {
        return writeResult(work, otherWrites);
    }

    /**
     * Like {@link #write(HandleConsumer)}, for what agents stream: on SQLite such writes share transactions, which
     * take turns, so the writes other replies wait for go first (see {@link #streamed}). {@code work} may run again
     * alone when a shared transaction fails.
     */
    public void writeBulk(HandleConsumer<RuntimeException> work) {
        if (streamed == null) {
            writeResult(withoutResult(work), streamedWrites);
        } else {
            streamed.submit(work);
        }
    }

    private static HandleCallback<Void, RuntimeException> withoutResult(HandleConsumer<RuntimeException> work) {
        return handle -> {
            work.useHandle(handle);
            return null;
        };
    }

    private <T> T writeResult(HandleCallback<T, RuntimeException> work, WriteTimers timers) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inWriteTransaction(work, timers);
            } catch (JdbiException e) {
                if (attempt >= MAX_WRITE_ATTEMPTS || !lostARace(e)) {
                    throw e;
                }
            }
        }
    }

    private <T> T inWriteTransaction(HandleCallback<T, RuntimeException> work, WriteTimers timers) {
        long queued = System.nanoTime();
        if (writer == null) {
            try {
                return jdbi.inTransaction(work);
            } finally {
                timers.held().record(System.nanoTime() - queued, TimeUnit.NANOSECONDS);
            }
        }
        lock(writer, queued + TimeUnit.MILLISECONDS.toNanos(WRITER_WAIT_MILLIS));
        long started = System.nanoTime();
        timers.waited().record(started - queued, TimeUnit.NANOSECONDS);
        try {
            return jdbi.inTransaction(work);
        } finally {
            timers.held().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            writer.unlock();
        }
    }

    private static void lock(ReentrantLock lock, long deadline) {
        try {
            if (!lock.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new ConnectionException(new SQLTransientException("the database was busy writing for "
                        + WRITER_WAIT_MILLIS + " ms"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException(new SQLTransientException("interrupted waiting to write", e));
        }
    }

    private static boolean lostARace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite && SQLITE_RACES.contains(sqlite.getResultCode())) {
                return true;
            }
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

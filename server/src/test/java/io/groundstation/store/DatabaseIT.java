package io.groundstation.store;

import io.groundstation.task.TaskStore;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What every store rests on: concurrent writers all land, and the embedded database syncs each commit. */
@OnEveryDatabase
class DatabaseIT {

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    @Test
    void concurrentWritersOfOneRowQueueAndAllLand() throws Exception {
        int writers = 8;
        int writesEach = 40;
        try (Database db = TestDatabase.open(database.create(dir))) {
            TaskStore tasks = new JdbcTaskStore(db);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < writesEach; i++) {
                            tasks.recordRefusal("shop", i);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> writer : done) {
                    writer.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(tasks.refusals("shop").count()).isEqualTo(writers * writesEach);
        }
    }

    @Test
    void streamedWritesQueuedBehindTheEmbeddedWriterShareTransactions() throws Exception {
        assumeTrue(database == TestDatabase.SQLITE, "SQLite's one writer");
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (Database db = TestDatabase.open(database.create(dir), metrics)) {
            db.write(handle -> handle.execute("CREATE TABLE streamed (n INTEGER NOT NULL)"));
            ExecutorService pool = Executors.newCachedThreadPool();
            try {
                CountDownLatch holding = new CountDownLatch(1);
                Semaphore release = new Semaphore(0);
                Future<?> holder = pool.submit(() -> db.write(handle -> {
                    holding.countDown();
                    release.acquireUninterruptibly();
                }));
                assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
                List<Future<?>> streams = new ArrayList<>();
                for (int n = 0; n < 5; n++) {
                    int value = n;
                    streams.add(pool.submit(() -> db.writeBulk(
                            handle -> handle.execute("INSERT INTO streamed (n) VALUES (?)", value))));
                }
                awaitWaitingIn("GroupCommit.submit", 5);

                release.release();
                holder.get(10, TimeUnit.SECONDS);
                for (Future<?> stream : streams) {
                    stream.get(10, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            long rows = db.read(handle -> handle.createQuery("SELECT COUNT(*) FROM streamed").mapTo(Long.class).one());
            assertThat(rows).isEqualTo(5);
            // The first to queue may have gone alone; every write that queued behind it shared the next transaction.
            assertThat(metrics.get("groundstation_database_write").tag("writes", "streamed").timer().count())
                    .isBetween(1L, 2L);
        }
    }

    /** Waits until {@code count} threads wait (for a lock or a monitor) somewhere below {@code frame}. */
    private static void awaitWaitingIn(String frame, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long waiting = 0;
        while (System.nanoTime() < deadline) {
            waiting = Thread.getAllStackTraces().entrySet().stream()
                    .filter(e -> e.getKey().getState() != Thread.State.RUNNABLE)
                    .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> frame.equals(
                            f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())))
                    .count();
            if (waiting >= count) {
                return;
            }
            Thread.sleep(5);
        }
        assertThat(waiting).as("threads waiting in " + frame).isEqualTo(count);
    }

    @Test
    void theEmbeddedDatabaseWritesAheadAndSyncsEveryCommit() {
        assumeTrue(database == TestDatabase.SQLITE, "SQLite's durability settings");
        try (Database db = TestDatabase.open(database.create(dir))) {
            String journalMode = db.read(handle -> handle.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
            int synchronous = db.read(handle -> handle.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
            assertThat(journalMode).isEqualTo("wal");
            assertThat(synchronous).as("FULL").isEqualTo(2);
        }
    }
}

package io.groundstation.store;

import io.groundstation.task.TaskStore;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

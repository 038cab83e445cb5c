package io.groundstation.store;

import io.groundstation.jobs.LeaseStore;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@OnEveryDatabase
class JdbcLeaseStoreIT {

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    @Test
    void oneHolderUntilItsLeaseExpiresOrItLetsGo() {
        try (Database db = TestDatabase.open(database.create(dir))) {
            LeaseStore leases = new JdbcLeaseStore(db);

            assertThat(leases.tryAcquire("purge", "a", 1_000, 2_000)).isTrue();
            assertThat(leases.tryAcquire("purge", "b", 1_500, 2_500)).as("held by a").isFalse();
            assertThat(leases.tryAcquire("purge", "a", 1_900, 3_000)).as("a renews").isTrue();
            assertThat(leases.tryAcquire("purge", "b", 2_500, 3_500)).as("renewed until 3000").isFalse();
            assertThat(leases.tryAcquire("other", "b", 2_500, 3_500)).as("jobs are independent").isTrue();
            assertThat(leases.tryAcquire("purge", "b", 3_001, 4_000)).as("expired, b takes over").isTrue();
            assertThat(leases.tryAcquire("purge", "a", 3_002, 5_000)).isFalse();

            leases.release("purge", "a");
            assertThat(leases.tryAcquire("purge", "a", 3_003, 5_000)).as("only the holder can let go").isFalse();
            leases.release("purge", "b");
            assertThat(leases.tryAcquire("purge", "a", 3_004, 5_000)).as("released, free at once").isTrue();
        }
    }

    @Test
    void ofNodesAskingAtOnceExactlyOneGetsEachLease() throws Exception {
        var settings = database.create(dir);
        try (Database first = TestDatabase.open(settings); Database second = TestDatabase.open(settings)) {
            List<LeaseStore> nodes = List.of(new JdbcLeaseStore(first), new JdbcLeaseStore(second));
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 10; round++) {
                    String job = "job-" + round;
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Boolean>> attempts = new ArrayList<>();
                    for (int t = 0; t < 8; t++) {
                        LeaseStore node = nodes.get(t % 2);
                        String holder = "node-" + t;
                        attempts.add(threads.submit(() -> {
                            go.await();
                            return node.tryAcquire(job, holder, 1_000, 61_000);
                        }));
                    }
                    go.countDown();
                    int winners = 0;
                    for (Future<Boolean> attempt : attempts) {
                        winners += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
                    }
                    assertThat(winners).as(job).isEqualTo(1);
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }
}

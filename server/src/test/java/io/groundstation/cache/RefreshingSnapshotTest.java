package io.groundstation.cache;

import io.groundstation.testing.harness.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshingSnapshotTest {

    private static final long REFRESH_MILLIS = 2_000;

    private final MutableClock clock = new MutableClock(1_000_000L);
    /** What the database holds. */
    private final AtomicInteger stored = new AtomicInteger(1);
    private final List<Integer> previousValues = new ArrayList<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopReader() {
        reader.shutdownNow();
    }

    private RefreshingSnapshot<Integer> snapshot(RefreshingSnapshot.Loader<Integer> loader) {
        return new RefreshingSnapshot<>(loader, REFRESH_MILLIS, clock);
    }

    private Integer load(Integer previous) {
        loads.incrementAndGet();
        previousValues.add(previous);
        return stored.get();
    }

    @Test
    void servesFromMemoryUntilTheRefreshIntervalHasPassedOrItIsInvalidated() {
        RefreshingSnapshot<Integer> snapshot = snapshot((now, previous) -> load(previous));
        assertThat(snapshot.get()).isEqualTo(1);

        stored.set(2);
        clock.advance(Duration.ofMillis(REFRESH_MILLIS - 1));
        assertThat(snapshot.get()).as("another node's change, within the interval").isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(snapshot.get()).isEqualTo(2);

        stored.set(3);
        snapshot.invalidate();
        assertThat(snapshot.get()).as("this node's change, at once").isEqualTo(3);
        assertThat(snapshot.get()).isEqualTo(3);
        assertThat(loads).hasValue(3);
        assertThat(previousValues).containsExactly(null, 1, 2);
    }

    @Test
    void tellsWhetherAReadWithinAMarginWouldBeServedWithoutLoading() {
        RefreshingSnapshot<Integer> snapshot = snapshot((now, previous) -> load(previous));
        assertThat(snapshot.servableFor(0)).as("nothing loaded yet").isFalse();
        snapshot.get();

        clock.advance(Duration.ofMillis(REFRESH_MILLIS - 251));
        assertThat(snapshot.servableFor(250)).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(snapshot.servableFor(250)).as("expires within the margin").isFalse();
        assertThat(snapshot.servableFor(0)).isTrue();

        snapshot.get();
        snapshot.invalidate();
        assertThat(snapshot.servableFor(0)).as("invalidated").isFalse();
        assertThat(loads).as("asking never loads").hasValue(1);
    }

    /**
     * The race: a reload reads the database, then a change is stored and invalidates, then the reload publishes
     * what it read. Served, that value would miss the change for a whole refresh interval.
     */
    @Test
    void anInvalidationDuringAReloadMakesItLoadAgainBeforeAnythingIsServed() throws Exception {
        CountDownLatch readTheDatabase = new CountDownLatch(1);
        CountDownLatch changeStored = new CountDownLatch(1);
        RefreshingSnapshot<Integer> snapshot = snapshot((now, previous) -> {
            Integer value = load(previous);
            if (loads.get() == 1) {
                readTheDatabase.countDown();
                await(changeStored);
            }
            return value;
        });

        Future<Integer> read = reader.submit(snapshot::get);
        await(readTheDatabase);
        stored.set(2);
        snapshot.invalidate();
        changeStored.countDown();

        assertThat(read.get(10, TimeUnit.SECONDS)).as("the reader whose reload was overtaken").isEqualTo(2);
        assertThat(snapshot.get()).as("later readers").isEqualTo(2);
        assertThat(loads).hasValue(2);
    }

    @Test
    void anInvalidationAfterAReloadBeganButBeforeItReadTheDatabaseCostsOnlyOneMoreLoad() throws Exception {
        CountDownLatch loadBegan = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        RefreshingSnapshot<Integer> snapshot = snapshot((now, previous) -> {
            if (loads.get() == 0) {
                loadBegan.countDown();
                await(invalidated);
            }
            return load(previous);
        });

        Future<Integer> read = reader.submit(snapshot::get);
        await(loadBegan);
        stored.set(2);
        snapshot.invalidate();
        invalidated.countDown();

        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(loads).as("the stale-stamped result is loaded again once").hasValue(2);
        assertThat(snapshot.get()).isEqualTo(2);
        assertThat(loads).hasValue(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch released").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

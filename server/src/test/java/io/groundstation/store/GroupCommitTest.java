package io.groundstation.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {

    /** Transactions as they ran; the one of "first" waits until released, so the others queue behind it. */
    private final List<List<String>> transactions = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    /** A thread per writer: the common pool may have one thread on a small machine. */
    private final ExecutorService writers = Executors.newCachedThreadPool();

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    private GroupCommit<String> groupCommit(Consumer<List<String>> check) {
        return new GroupCommit<>(items -> {
            if (items.contains("first")) {
                firstStarted.countDown();
                await(releaseFirst);
            }
            check.accept(items);
            transactions.add(items);
        });
    }

    @Test
    void writesSubmittedDuringATransactionShareTheNextAndEachReturnsOnceItsOwnIsDone() throws Exception {
        GroupCommit<String> commits = groupCommit(items -> { });
        CompletableFuture<Void> first = submit(commits, "first");
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> queued = List.of("a", "b", "c").stream()
                .map(item -> submit(commits, item)).toList();
        awaitQueued(commits, 3);
        assertThat(queued).noneMatch(CompletableFuture::isDone);

        releaseFirst.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> write : queued) {
            write.get(10, TimeUnit.SECONDS);
        }
        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(0)).containsExactly("first");
        assertThat(Set.copyOf(transactions.get(1))).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aSharedTransactionThatFailsIsTriedWriteByWriteSoOnlyTheBadWriteFails() throws Exception {
        GroupCommit<String> commits = groupCommit(items -> {
            if (items.contains("bad")) {
                throw new IllegalStateException("bad write");
            }
        });
        CompletableFuture<Void> first = submit(commits, "first");
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> bad = submit(commits, "bad");
        CompletableFuture<Void> good = submit(commits, "good");
        awaitQueued(commits, 2);

        releaseFirst.countDown();
        first.get(10, TimeUnit.SECONDS);
        good.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("bad write");
        assertThat(transactions).containsExactly(List.of("first"), List.of("good"));
    }

    private CompletableFuture<Void> submit(GroupCommit<String> commits, String item) {
        return CompletableFuture.runAsync(() -> commits.submit(item), writers);
    }

    private static void awaitQueued(GroupCommit<String> commits, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commits.queued() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(commits.queued()).isEqualTo(count);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

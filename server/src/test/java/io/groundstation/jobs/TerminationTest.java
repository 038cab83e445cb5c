package io.groundstation.jobs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class TerminationTest {

    @Test
    void answersWhetherWhatWasShutDownStoppedWithinTheLimit() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        executor.submit(() -> {
            release.await();
            return null;
        });
        executor.shutdown();

        assertThat(Termination.awaitUpTo(Duration.ZERO, executor::awaitTermination)).isFalse();
        release.countDown();
        assertThat(Termination.awaitUpTo(Duration.ofSeconds(10), executor::awaitTermination)).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aWaitInterruptedFromAnotherThreadGivesUpAndKeepsTheInterrupt() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean(true);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            stopped.set(Termination.awaitUpTo(Duration.ofMinutes(10), never::await));
            interrupted.set(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        while (waiter.isAlive() && waiter.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }

        waiter.interrupt();
        waiter.join();

        assertThat(stopped).as("stopped").isFalse();
        assertThat(interrupted).as("interrupt kept").isTrue();
    }
}

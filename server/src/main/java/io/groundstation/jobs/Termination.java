package io.groundstation.jobs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The wait for something shut down to stop: an executor's, a gRPC server's or a channel's awaitTermination. */
@FunctionalInterface
public interface Termination {

    /** True when it stopped within the timeout. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Waits up to {@code limit}; true when it stopped by then. An interrupted wait gives up and answers false, with
     * the thread's interrupt set again so that whoever interrupted a shutdown still sees it.
     */
    static boolean awaitUpTo(Duration limit, Termination termination) {
        try {
            return termination.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

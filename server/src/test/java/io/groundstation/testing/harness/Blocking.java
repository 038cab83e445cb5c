package io.groundstation.testing.harness;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A call the harness waits on (an HTTP exchange, a child process): its failures unchecked, an interrupt kept. */
final class Blocking {

    @FunctionalInterface
    interface Call<T> {
        T call() throws IOException, InterruptedException;
    }

    private Blocking() {
    }

    static <T> T call(Call<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.groundstation.testing.harness;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** What an extension runs on a directory it makes for it, stopped before that directory is deleted. */
final class Scratch<T extends AutoCloseable> {

    private Path dir;
    private T running;

    void start(ExtensionContext context, Function<Path, T> start) throws IOException {
        dir = Files.createTempDirectory("groundstation-" + context.getRequiredTestClass().getSimpleName());
        running = start.apply(dir);
    }

    void stop() throws Exception {
        try {
            if (running != null) {
                running.close();
            }
        } finally {
            Directories.deleteTree(dir);
        }
    }

    T get() {
        return running;
    }

    Path dir() {
        return dir;
    }
}

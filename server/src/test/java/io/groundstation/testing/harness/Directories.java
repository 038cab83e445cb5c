package io.groundstation.testing.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch directories the harness makes for itself (JUnit's {@code @TempDir} serves only test classes). */
final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything below it; what cannot be deleted stays (a leftover in /tmp is harmless). */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

package io.groundstation.testing.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groundstation in its own JVM, started through {@code main} with GROUNDSTATION_* variables, so signals and
 * crashes are real. Ports are read from the log line that announces them.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING =
            Pattern.compile("agents \\(gRPC[^)]*\\) on [^:]+:(\\d+), HTTP API on [^:]+:(\\d+)");

    private final Process process;
    private final List<String> log = new ArrayList<>();
    private final int grpcPort;
    private final int httpPort;
    private final Thread reader;

    private ServerProcess(Map<String, String> environment) throws IOException {
        process = main(environment).start();
        CompletableFuture<int[]> ports = new CompletableFuture<>();
        reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (log) {
                        log.add(line);
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        ports.complete(new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            ports.completeExceptionally(new IllegalStateException("server exited before listening:\n" + log()));
        }, "server-log");
        reader.setDaemon(true);
        reader.start();
        try {
            int[] chosen = ports.get(60, TimeUnit.SECONDS);
            grpcPort = chosen[0];
            httpPort = chosen[1];
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not start:\n" + log(), e);
        }
    }

    /** Starts on free loopback ports with {@code dataDir}; {@code environment} adds or overrides variables. */
    public static ServerProcess start(Path dataDir, Map<String, String> environment) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "GROUNDSTATION_GRPC_HOST", "127.0.0.1", "GROUNDSTATION_GRPC_PORT", "0",
                "GROUNDSTATION_HTTP_HOST", "127.0.0.1", "GROUNDSTATION_HTTP_PORT", "0",
                "GROUNDSTATION_DATA_DIR", dataDir.toString()));
        all.putAll(environment);
        return new ServerProcess(all);
    }

    /** Runs {@code main} with these arguments to its end (e.g. {@code --help}); its output, stdout and stderr. */
    public static String run(Map<String, String> environment, String... args) throws IOException,
            InterruptedException {
        Process process = main(environment, args).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("main " + List.of(args) + " did not end");
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private static ProcessBuilder main(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "io.groundstation.Groundstation"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder;
    }

    public long pid() {
        return process.pid();
    }

    public int grpcPort() {
        return grpcPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /** SIGTERM, as an orchestrator stops a pod; returns the exit code. */
    public int terminate() throws InterruptedException {
        // Process.destroy() would also close our end of the child's output, losing what shutdown logs.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server ignored SIGTERM:\n" + log());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5_000);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

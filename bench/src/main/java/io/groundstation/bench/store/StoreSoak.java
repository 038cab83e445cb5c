package io.groundstation.bench.store;

import io.groundstation.bench.cli.CommandLineArgs;
import io.groundstation.bench.store.SoakMetrics.RowKind;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Replays the registry's write pattern against a JDBC URL for a fixed time and samples the store's files on disk,
 * the rows written per second and the latency of the writer's transactions. A fleet of agents heartbeats every
 * {@code --heartbeat} (simulated) seconds, spread evenly; {@code --time-scale} runs simulated time faster than the
 * clock, and the flush interval, retention and purge interval scale with it, so each flush carries what it would in
 * real time. One writer thread owns the connection, as an embedded store's single writer would: it flushes on its
 * interval, group-commits registrations in between, purges, and runs {@code --maintenance-sql}.
 *
 * <pre>java -cp groundstation-bench.jar:DRIVER.jar io.groundstation.bench.store.StoreSoak --url URL --files PREFIX</pre>
 */
public final class StoreSoak {

    private static final String USAGE = """
            --url URL                JDBC URL (the driver jar must be on the class path)          (required)
            --files PATH             the store's files: every file in PATH's folder whose name
                                     starts with PATH's name is counted                            (required)
            --user U --password P    credentials                                                   ("" "")
            --agents N               agents                                                        (10000)
            --processes N            processes per agent                                           (50)
            --property-bytes N       length of each process's properties JSON                      (1200)
            --pattern narrow|old     narrow: one agent-row update per heartbeat + churn;
                                     old: one last_seen update per process per heartbeat           (narrow)
            --churn F                chance that a process is replaced at a heartbeat              (0.01)
            --heartbeat S            simulated seconds between an agent's heartbeats               (20)
            --flush-interval S       simulated seconds between flush transactions                  (5)
            --retention S            simulated seconds a gone process is kept before its purge      (600)
            --purge-interval S       simulated seconds between purges                              (60)
            --time-scale F           simulated seconds per real second                             (1)
            --duration S             real seconds of the soak, after the load                      (300)
            --sample-every S         real seconds between table rows                               (30)
            --init-sql "A;B"         statements run once on the connection before the schema       ()
            --after-commit-sql "A;B" statements run after each commit of the soak, timed with it      ()
            --maintenance-sql "A;B"  statements run by the writer every --maintenance-every s      ()
            --maintenance-every S    real seconds                                                  (60)
            --seed N                 random seed                                                   (1)
            --load-only              create the schema, load the fleet, run --after-load-sql, stop:
                                     a snapshot to copy before each run
            --after-load-sql "A;B"   e.g. SHUTDOWN COMPACT (H2), PRAGMA wal_checkpoint(TRUNCATE)  ()
            --preloaded              the store holds the snapshot of this fleet (same --agents,
                                     --processes, --property-bytes, --seed): skip schema and load
            """;

    private StoreSoak() {
    }

    public static void main(String[] args) throws Exception {
        soak(args, System.out);
    }

    /** What a soak wrote, and the process rows the store held at its end (-1 after --load-only or --help). */
    record Outcome(SoakMetrics metrics, long processesStored) {
    }

    static Outcome soak(String[] args, PrintStream out) throws Exception {
        CommandLineArgs cli = CommandLineArgs.parse(args, Set.of("help", "load-only", "preloaded"));
        if (cli.flag("help")) {
            out.print(USAGE);
            return new Outcome(new SoakMetrics(), -1);
        }
        String url = cli.string("url", null);
        String filesArg = cli.string("files", null);
        if (url == null || filesArg == null) {
            throw new IllegalArgumentException("--url and --files are required; --help lists every option");
        }
        Path files = Path.of(filesArg).toAbsolutePath();
        String user = cli.string("user", "");
        String password = cli.string("password", "");
        int agents = (int) cli.integer("agents", 10_000, 1, 1_000_000);
        int processes = (int) cli.integer("processes", 50, 1, 10_000);
        int propertyBytes = (int) cli.integer("property-bytes", 1200, 50, 100_000);
        SoakFleet.Pattern pattern = SoakFleet.Pattern.valueOf(
                cli.string("pattern", "narrow").toUpperCase(Locale.ROOT));
        double churn = cli.decimal("churn", 0.01, 0, 1);
        double heartbeatSec = cli.decimal("heartbeat", 20, 0.1, 3600);
        double flushSec = cli.decimal("flush-interval", 5, 0.01, 3600);
        double retentionSec = cli.decimal("retention", 600, 0, 1e7);
        double purgeSec = cli.decimal("purge-interval", 60, 0.1, 1e6);
        double timeScale = cli.decimal("time-scale", 1, 0.01, 1000);
        long durationSec = cli.integer("duration", 300, 1, 86_400);
        long sampleSec = cli.integer("sample-every", 30, 1, 3600);
        List<String> initSql = statements(cli.string("init-sql", ""));
        List<String> afterCommitSql = statements(cli.string("after-commit-sql", ""));
        List<String> maintenanceSql = statements(cli.string("maintenance-sql", ""));
        long maintenanceSec = cli.integer("maintenance-every", 60, 1, 86_400);
        long seed = cli.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        boolean loadOnly = cli.flag("load-only");
        List<String> afterLoadSql = statements(cli.string("after-load-sql", ""));
        boolean preloaded = cli.flag("preloaded");
        cli.rejectUnknown();

        SoakMetrics metrics = new SoakMetrics();
        SoakFleet fleet = new SoakFleet(agents, processes, propertyBytes, seed);
        out.printf(Locale.ROOT, "store soak: %s, %d agents x %d processes, pattern %s, churn %.3f per"
                        + " heartbeat, heartbeat %.1f s / flush %.2f s / retention %.0f s (simulated), time scale %.2f,"
                        + " %d s%n", url, agents, processes, pattern, churn, heartbeatSec, flushSec, retentionSec,
                timeScale, durationSec);
        out.printf("options: %s%n", String.join(" ", args));
        long stored = -1;
        try (SoakStore store = new SoakStore(url, user, password, initSql, afterCommitSql, !preloaded, metrics)) {
            long simStartMs = System.currentTimeMillis();
            if (preloaded) {
                fleet.populate(simStartMs, agent -> { });
                out.printf(Locale.ROOT, "preloaded store: %.1f MB%n", megabytes(files));
            } else {
                long loadStart = System.nanoTime();
                store.load(fleet, simStartMs, 20_000);
                out.printf(Locale.ROOT, "loaded %d processes (~%d bytes each as written) in %.1f s: store"
                                + " %.1f MB%n", (long) agents * processes, SoakRow.generate(
                                "00000000-0000-0000-0000-000000000000", 0, new java.util.SplittableRandom(seed),
                                propertyBytes).approximateBytes(),
                        (System.nanoTime() - loadStart) / 1e9, megabytes(files));
            }
            if (loadOnly) {
                long began = System.nanoTime();
                store.finish(afterLoadSql);
                out.printf(Locale.ROOT, "after-load statements took %.1f s%n", (System.nanoTime() - began) / 1e9);
            } else {
                run(out, store, fleet, metrics, files, new Timing(heartbeatSec, flushSec, retentionSec, purgeSec,
                        timeScale, simStartMs), pattern, churn, durationSec, sampleSec, maintenanceSql,
                        maintenanceSec);
                stored = store.countProcesses();
                out.printf(Locale.ROOT, "processes stored at the end: %d%n", stored);
            }
        }
        out.printf(Locale.ROOT, "store after close: %.1f MB%n", megabytes(files));
        return new Outcome(metrics, stored);
    }

    /** Simulated time: the clock runs {@code scale} times faster than the real one from the start of the soak. */
    record Timing(double heartbeatSec, double flushSec, double retentionSec, double purgeSec, double scale,
                  long simStartMs) {
        long realNanos(double simSeconds) {
            return (long) (simSeconds / scale * 1e9);
        }

        long simNow(long realStartNanos) {
            return simStartMs + (long) ((System.nanoTime() - realStartNanos) / 1e6 * scale);
        }
    }

    private static void run(PrintStream out, SoakStore store, SoakFleet fleet, SoakMetrics metrics, Path files, Timing timing,
                            SoakFleet.Pattern pattern, double churn, long durationSec, long sampleSec,
                            List<String> maintenanceSql, long maintenanceSec) throws Exception {
        SoakWork work = new SoakWork();
        long start = System.nanoTime();
        ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();
        long[] beatsDone = {0};
        long beatNanos = timing.realNanos(timing.heartbeatSec());
        driver.scheduleAtFixedRate(() -> {
            // every agent beats once per heartbeat, agent i at offset i/N of it
            long due = (long) ((double) (System.nanoTime() - start) * fleet.size() / beatNanos);
            long seenAt = timing.simNow(start);
            for (; beatsDone[0] < due; beatsDone[0]++) {
                fleet.heartbeat((int) (beatsDone[0] % fleet.size()), seenAt, churn, pattern, work);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);

        Writer writer = new Writer(store, work, metrics, timing, start, maintenanceSql, maintenanceSec);
        Thread writerThread = new Thread(writer, "soak-writer");
        writerThread.start();

        out.printf(Locale.ROOT, "%7s %8s %9s %9s %10s %9s %9s %9s %8s %9s %9s %9s %9s%n", "real s", "sim min",
                "store MB", "MB/min", "rows/s", "agent/s", "insert/s", "update/s", "delete/s", "flush p99",
                "flush max", "reg p99", "backlog");
        double lastMb = megabytes(files);
        long lastRows = 0;
        long[] last = new long[RowKind.values().length];
        long lastSample = start;
        long end = start + TimeUnit.SECONDS.toNanos(durationSec);
        while (System.nanoTime() < end && writer.failure == null) {
            long next = Math.min(end, lastSample + TimeUnit.SECONDS.toNanos(sampleSec));
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            long now = System.nanoTime();
            double secs = (now - lastSample) / 1e9;
            double mb = megabytes(files);
            long[] counts = Arrays.stream(RowKind.values()).mapToLong(metrics::rows).toArray();
            long rows = metrics.rowsWritten();
            Histogram flush = metrics.flush.takeWindow();
            Histogram registration = metrics.registration.takeWindow();
            metrics.purge.takeWindow();
            metrics.maintenance.takeWindow();
            out.printf(Locale.ROOT, "%7.0f %8.1f %9.1f %9.2f %10.0f %9.0f %9.0f %9.0f %8.0f %9.1f %9.1f %9.1f"
                            + " %9d%n", (now - start) / 1e9, (timing.simNow(start) - timing.simStartMs()) / 60_000.0,
                    mb, (mb - lastMb) / secs * 60, (rows - lastRows) / secs, (counts[0] - last[0]) / secs,
                    (counts[1] - last[1]) / secs, (counts[2] - last[2]) / secs, (counts[3] - last[3]) / secs,
                    millis(flush, 99), flush.getMaxValue() / 1000.0, millis(registration, 99), work.pending());
            lastMb = mb;
            lastRows = rows;
            last = counts;
            lastSample = now;
        }
        driver.shutdownNow();
        driver.awaitTermination(10, TimeUnit.SECONDS);
        writer.stop();
        writerThread.join();
        if (writer.failure != null) {
            throw new IllegalStateException("the writer failed", writer.failure);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        metrics.flush.takeWindow();
        metrics.registration.takeWindow();
        metrics.purge.takeWindow();
        metrics.maintenance.takeWindow();
        out.printf(Locale.ROOT, "RESULT rows/s %.0f (agent %.0f, insert %.0f, update %.0f, delete %.0f)"
                        + " | flushes %d, late %d, flush p50 %.1f p99 %.1f max %.1f ms | registration commits %d,"
                        + " wait p99 %.1f max %.1f ms | purge p99 %.1f ms | maintenance runs %d p99 %.1f max %.1f ms"
                        + " | mismatches %d | store %.1f MB%n",
                metrics.rowsWritten() / seconds, metrics.rows(RowKind.AGENT_UPDATE) / seconds,
                metrics.rows(RowKind.PROCESS_INSERT) / seconds, metrics.rows(RowKind.PROCESS_UPDATE) / seconds,
                metrics.rows(RowKind.PROCESS_DELETE) / seconds, metrics.flushes.sum(), metrics.lateFlushes.sum(),
                millis(metrics.flush.total, 50), millis(metrics.flush.total, 99),
                metrics.flush.total.getMaxValue() / 1000.0, metrics.registrationCommits.sum(),
                millis(metrics.registration.total, 99), metrics.registration.total.getMaxValue() / 1000.0,
                millis(metrics.purge.total, 99), metrics.maintenance.total.getTotalCount(),
                millis(metrics.maintenance.total, 99), metrics.maintenance.total.getMaxValue() / 1000.0,
                metrics.mismatches.sum(), megabytes(files));
    }

    /** The store's single writer: flushes on time, group-commits registrations between flushes. */
    private static final class Writer implements Runnable {
        private final SoakStore store;
        private final SoakWork work;
        private final SoakMetrics metrics;
        private final Timing timing;
        private final long start;
        private final List<String> maintenanceSql;
        private final long maintenanceNanos;
        private volatile boolean stopped;
        volatile Exception failure;

        Writer(SoakStore store, SoakWork work, SoakMetrics metrics, Timing timing, long start,
               List<String> maintenanceSql, long maintenanceSec) {
            this.store = store;
            this.work = work;
            this.metrics = metrics;
            this.timing = timing;
            this.start = start;
            this.maintenanceSql = maintenanceSql;
            this.maintenanceNanos = TimeUnit.SECONDS.toNanos(maintenanceSec);
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            long flushNanos = timing.realNanos(timing.flushSec());
            long purgeNanos = timing.realNanos(timing.purgeSec());
            long nextFlush = start + flushNanos;
            long nextPurge = start + purgeNanos;
            long nextMaintenance = start + maintenanceNanos;
            try {
                while (!stopped) {
                    long now = System.nanoTime();
                    if (now >= nextFlush) {
                        long began = System.nanoTime();
                        store.flush(work.takeFlush());
                        metrics.flush.record(began);
                        nextFlush += flushNanos;
                        if (nextFlush < System.nanoTime()) {
                            metrics.lateFlushes.increment();
                            nextFlush = System.nanoTime();
                        }
                    } else if (now >= nextPurge) {
                        long cutoff = timing.simNow(start) - (long) (timing.retentionSec() * 1000);
                        List<String> expired = work.takeExpired(cutoff);
                        if (!expired.isEmpty()) {
                            long began = System.nanoTime();
                            store.purge(expired);
                            metrics.purge.record(began);
                        }
                        nextPurge += purgeNanos;
                    } else if (!maintenanceSql.isEmpty() && now >= nextMaintenance) {
                        long began = System.nanoTime();
                        store.execute(maintenanceSql);
                        metrics.maintenance.record(began);
                        nextMaintenance += maintenanceNanos;
                    } else {
                        List<SoakWork.Registration> group = work.takeRegistrations(nextFlush - now);
                        if (!group.isEmpty()) {
                            store.register(group);
                            for (SoakWork.Registration registration : group) {
                                metrics.registration.record(registration.enqueuedNanos());
                            }
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException | RuntimeException e) {
                failure = e;
            }
        }
    }

    private static List<String> statements(String text) {
        return Arrays.stream(text.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The size of every file of the store: H2's .mv.db (and any temp file), SQLite's db, -wal and -shm. */
    static double megabytes(Path prefix) {
        String name = prefix.getFileName().toString();
        try (Stream<Path> siblings = Files.list(prefix.getParent())) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(name)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a file gone between the listing and its size (H2's temp files, SQLite's -wal)
                }
            }).sum() / 1e6;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

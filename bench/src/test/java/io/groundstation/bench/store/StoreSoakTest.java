package io.groundstation.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.groundstation.bench.store.SoakMetrics.RowKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Short real soaks of a tiny fleet on H2 and on SQLite: the harness writes what it claims and agrees with itself. */
class StoreSoakTest {

    private static final int AGENTS = 20;
    private static final int PROCESSES = 5;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void narrowPatternWritesOneAgentRowPerHeartbeatPlusChurnOnAPreloadedStore(String engine) throws Exception {
        StoreSoak.Outcome load = soak(engine, "--load-only");
        assertThat(load.processesStored()).isEqualTo(-1);

        StoreSoak.Outcome run = soak(engine, "--preloaded", "--pattern", "narrow");

        SoakMetrics m = run.metrics();
        // the snapshot's members hashes match the fleet regenerated from the seed: no conditional update missed
        assertThat(m.mismatches.sum()).isZero();
        assertThat(m.flushes.sum()).isPositive();
        assertThat(m.rows(RowKind.AGENT_UPDATE)).isPositive();
        assertThat(m.rows(RowKind.PROCESS_INSERT)).isPositive();
        assertThat(m.rows(RowKind.PROCESS_DELETE)).isPositive();
        // narrow: a process row is written only when it came or went, never per heartbeat
        assertThat(m.rows(RowKind.PROCESS_UPDATE)).isLessThan(m.rows(RowKind.AGENT_UPDATE) * PROCESSES);
        assertThat(run.processesStored())
                .isEqualTo(AGENTS * PROCESSES + m.rows(RowKind.PROCESS_INSERT) - m.rows(RowKind.PROCESS_DELETE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void oldPatternTouchesEveryProcessOfEveryHeartbeat(String engine) throws Exception {
        soak(engine, "--load-only");

        SoakMetrics m = soak(engine, "--preloaded", "--pattern", "old").metrics();

        assertThat(m.mismatches.sum()).isZero();
        assertThat(m.rows(RowKind.AGENT_UPDATE)).isPositive();
        // every process of a heartbeat but the ones it brought (those are inserted): at churn 0.2, most of them
        assertThat(m.rows(RowKind.PROCESS_UPDATE)).isLessThanOrEqualTo(m.rows(RowKind.AGENT_UPDATE) * PROCESSES)
                .isGreaterThan(m.rows(RowKind.AGENT_UPDATE) * PROCESSES / 2);
    }

    private StoreSoak.Outcome soak(String engine, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--url", engine.equals("h2")
                        ? "jdbc:h2:file:" + dir.resolve("soak") + ";WRITE_DELAY=0"
                        : "jdbc:sqlite:" + dir.resolve("soak.db"),
                "--files", dir.resolve("soak").toString(),
                "--agents", Integer.toString(AGENTS), "--processes", Integer.toString(PROCESSES),
                "--property-bytes", "300", "--churn", "0.2", "--time-scale", "20",
                "--retention", "10", "--purge-interval", "5", "--duration", "3", "--sample-every", "1"));
        if (engine.equals("sqlite")) {
            args.addAll(List.of("--init-sql", "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL"));
        }
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return StoreSoak.soak(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
    }
}

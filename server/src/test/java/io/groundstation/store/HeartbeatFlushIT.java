package io.groundstation.store;

import io.groundstation.registry.AgentHeartbeat;
import io.groundstation.registry.AgentSighting;
import io.groundstation.registry.DetectType;
import io.groundstation.registry.HeartbeatWrites;
import io.groundstation.registry.Ids;
import io.groundstation.registry.ProcessEntity;
import io.groundstation.registry.RegisteredProcess;
import io.groundstation.registry.SightedProcess;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One flush of many agents' heartbeats, written in many small transactions: each agent's heartbeat lands on its own
 * rows whichever transaction carried it, the fast ones and those that must be reconciled alike.
 */
@OnEveryDatabase
class HeartbeatFlushIT {

    private static final int AGENTS = 600;

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Database db;

    @BeforeEach
    void open() {
        db = TestDatabase.open(database.create(dir));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void everyAgentOfALargeFlushIsAppliedToItsOwnProcesses() {
        JdbcRegistryStore store = new JdbcRegistryStore(db);
        for (int a = 0; a < AGENTS; a++) {
            store.saveRegistrations(new AgentSighting(agent(a), 1_000), List.of(registered(a, 1_000)));
        }
        // Registered, their digests are unknown: every heartbeat is reconciled.
        HeartbeatWrites first = store.applyHeartbeats(heartbeats(2_000, false));
        assertThat(first.agentsReconciled()).isEqualTo(AGENTS);

        // Known now: the same sets move one agent row each; every 7th agent also names a new process.
        HeartbeatWrites second = store.applyHeartbeats(heartbeats(3_000, true));
        int changed = (AGENTS + 6) / 7;
        assertThat(second.agentRowsMoved()).isEqualTo(AGENTS - changed);
        assertThat(second.agentsReconciled()).isEqualTo(changed);

        for (int a = 0; a < AGENTS; a++) {
            assertThat(store.findProcess(entity(a, "app").id()).orElseThrow().lastSeen()).as(agent(a))
                    .isEqualTo(3_000);
            if (a % 7 == 0) {
                RegisteredProcess sidecar = store.findProcess(entity(a, "sidecar").id()).orElseThrow();
                assertThat(sidecar.agentId()).isEqualTo(agent(a));
                assertThat(sidecar.lastSeen()).isEqualTo(3_000);
            } else {
                assertThat(store.findProcess(entity(a, "sidecar").id())).as(agent(a)).isEmpty();
            }
        }
    }

    private static List<AgentHeartbeat> heartbeats(long at, boolean everySeventhGainsASidecar) {
        List<AgentHeartbeat> heartbeats = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            List<SightedProcess> named = new ArrayList<>(List.of(entity(a, "app")));
            if (everySeventhGainsASidecar && a % 7 == 0) {
                named.add(entity(a, "sidecar"));
            }
            heartbeats.add(new AgentHeartbeat(agent(a), at, named));
        }
        return heartbeats;
    }

    private static RegisteredProcess registered(int a, long at) {
        SightedProcess app = entity(a, "app");
        return new RegisteredProcess(app.id(), app.entity(), DetectType.KUBERNETES, 100 + a, Map.of(), agent(a),
                true, at, at, at);
    }

    private static SightedProcess entity(int a, String process) {
        ProcessEntity entity = new ProcessEntity("K8S_SERVICE", "shop", "pod-" + a, process, List.of());
        return new SightedProcess(Ids.processId(entity), entity, true);
    }

    private static String agent(int a) {
        return "agent-" + a;
    }
}

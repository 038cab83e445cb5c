package io.groundstation.cluster;

import io.groundstation.config.Settings;
import io.groundstation.jobs.ClusterJob;
import io.groundstation.jobs.LeaseStore;
import io.groundstation.store.Database;
import io.groundstation.store.JdbcLeaseStore;
import io.groundstation.testing.fixtures.Rover;
import io.groundstation.testing.harness.PerTestCluster;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/** Background jobs on several nodes of one PostgreSQL database: one node at a time, handed over when it dies. */
class ClusterJobsIT {

    private static final Duration PAST_RETENTION = Settings.defaults().get(Settings.RETENTION).plusHours(1);
    private static final Duration PURGE_INTERVAL = Settings.defaults().get(Settings.PURGE_INTERVAL);

    @RegisterExtension
    final PerTestCluster cluster = new PerTestCluster(2);

    @Test
    void onlyTheLeaseHolderPurgesAndAStoppedNodeHandsOverAtOnce(TestServer a, TestServer b) {
        String first = register(a, "first");
        cluster.get().clock().advance(PAST_RETENTION);

        assertThat(a.server().parts().jobs().runIfLeaseHolder(ClusterJob.REGISTRY_PURGE)).isTrue();
        assertThat(a.get("/api/processes/" + first).statusCode()).isEqualTo(404);
        assertThat(b.server().parts().jobs().runIfLeaseHolder(ClusterJob.REGISTRY_PURGE))
                .as("a holds the lease between its runs").isFalse();
        assertThat(a.server().parts().jobs().runIfLeaseHolder(ClusterJob.REGISTRY_PURGE)).isTrue();

        String second = register(b, "second");
        cluster.get().clock().advance(PAST_RETENTION);
        a.close();
        assertThat(b.server().parts().jobs().runIfLeaseHolder(ClusterJob.REGISTRY_PURGE))
                .as("a released its lease when it stopped").isTrue();
        assertThat(b.get("/api/processes/" + second).statusCode()).isEqualTo(404);
    }

    @Test
    void aNodeThatDiesMidRunHandsTheJobOverWhenItsLeaseExpires(TestServer survivor) {
        try (Database database = TestDatabase.open(cluster.get().database())) {
            String process = register(survivor, "orphan");
            cluster.get().clock().advance(PAST_RETENTION);
            // A node took the lease, started purging and died: it never finishes nor lets go.
            long now = cluster.get().clock().millis();
            LeaseStore leases = new JdbcLeaseStore(database);
            assertThat(leases.tryAcquire(ClusterJob.REGISTRY_PURGE.lease(), "dead-node", now,
                    now + 2 * PURGE_INTERVAL.toMillis())).isTrue();

            assertThat(survivor.server().parts().jobs().runIfLeaseHolder(ClusterJob.REGISTRY_PURGE)).isFalse();
            assertThat(survivor.get("/api/processes/" + process).statusCode()).isEqualTo(200);

            cluster.get().clock().advance(PURGE_INTERVAL.multipliedBy(2).plusMillis(1));
            assertThat(survivor.server().parts().jobs().runIfLeaseHolder(ClusterJob.REGISTRY_PURGE)).isTrue();
            assertThat(survivor.get("/api/processes/" + process).statusCode()).isEqualTo(404);
        }
    }

    private static String register(TestServer node, String name) {
        return Rover.reportProcesses(node, "agent-" + name, k8s(entity("GENERAL", "svc", "pod-" + name, name), 7, name))
                .getProcesses(0).getProcessId();
    }
}

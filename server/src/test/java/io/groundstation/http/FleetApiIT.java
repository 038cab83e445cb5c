package io.groundstation.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.testing.fixtures.Rover;
import io.groundstation.testing.fixtures.ShopFleet;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.PerTestServer;
import io.groundstation.testing.harness.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.time.Duration;
import java.util.List;

import static io.groundstation.testing.fixtures.Policies.CPU_OVER_80;
import static io.groundstation.testing.fixtures.Protos.numberedServices;
import static org.assertj.core.api.Assertions.assertThat;

/** The fleet overview and the services list paged, sorted and searched by the database. */
@OnEveryDatabase
class FleetApiIT {

    @Parameter
    TestDatabase database;
    @RegisterExtension
    final PerTestServer server = new PerTestServer();

    @BeforeEach
    void start() {
        ShopFleet.register(server.get());
        // svc-00 .. svc-11 (alive), svc-n with n % 3 + 1 instances
        Rover.reportProcesses(server.get(), "node-c", numberedServices(12, 3));
    }

    @Test
    void servicesArePagedInNameOrderWithTheTotal() {
        JsonNode page = server.get().getJson("/api/fleet/services?limit=3");
        assertThat(page.get("total").asLong()).isEqualTo(14);
        assertThat(names(page)).containsExactly("hosts", "ns::shop", "svc-00");
        assertThat(names(server.get().getJson("/api/fleet/services?limit=3&offset=12")))
                .containsExactly("svc-10", "svc-11");
        ShopFleet.assertShopSummary(page.get("items").get(1));
    }

    @Test
    void servicesAreSortedByACountEitherWayTiesByName() {
        assertThat(names(server.get().getJson("/api/fleet/services?sort=-instances&limit=5")))
                .containsExactly("ns::shop", "svc-02", "svc-05", "svc-08", "svc-11");
        assertThat(names(server.get().getJson("/api/fleet/services?sort=-dead&limit=1"))).containsExactly("ns::shop");
        assertThat(names(server.get().getJson("/api/fleet/services?sort=alive&limit=2")))
                .containsExactly("hosts", "ns::shop");
        assertThat(server.get().get("/api/fleet/services?sort=size").body()).contains("sort must be one of");
    }

    @Test
    void searchMatchesAnyPartOfTheNameIgnoringCase() {
        JsonNode page = server.get().getJson("/api/fleet/services?q=SVC-1&limit=100");
        assertThat(names(page)).containsExactly("svc-10", "svc-11");
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(server.get().getJson("/api/fleet/services?q=%3A%3As").get("total").asLong()).isEqualTo(1);
        assertThat(server.get().getJson("/api/fleet/services?q=nothing").get("items")).isEmpty();
    }

    @Test
    void overviewCountsTheFleetAndWhatPoliciesTriggeredPerHour() {
        server.get().send("PUT", "/api/policies/svc-01", CPU_OVER_80, null);
        server.get().send("PUT", "/api/policies/svc-02", CPU_OVER_80, null);
        String first = Rover.triggerOnCpu(server.get(), "K8S_SERVICE", "svc-02", "pod-0", "java");
        server.get().clock().advance(Duration.ofHours(2));
        Rover.triggerOnCpu(server.get(), "K8S_SERVICE", "svc-02", "pod-1", "java");
        Rover.triggerOnCpu(server.get(), "K8S_SERVICE", "svc-01", "pod-0", "java");

        JsonNode overview = server.get().getJson("/api/fleet");

        // Two hours on, everything ShopFleet and setUp registered is dead but for the processes a trigger named
        assertThat(overview.get("agents").get("alive").asLong() + overview.get("agents").get("dead").asLong())
                .isEqualTo(3);
        assertThat(overview.get("services").asLong()).isEqualTo(14);
        assertThat(overview.get("policies").asInt()).isEqualTo(2);
        assertThat(overview.get("runningTasks").asLong()).isEqualTo(2);
        long processes = overview.get("processes").get("alive").asLong() + overview.get("processes").get("dead")
                .asLong();
        assertThat(processes).isEqualTo(5 + 24);
        JsonNode hours = overview.get("triggeredPerHour");
        assertThat(hours).hasSize(24);
        assertThat(hours.get(23).get("hour").asLong()).isEqualTo(server.get().clock().millis() / 3_600_000 * 3_600_000);
        assertThat(hours).extracting(h -> h.get("tasks").asLong()).containsOnly(0L, 1L, 2L);
        assertThat(hours.findValues("tasks").stream().mapToLong(JsonNode::asLong).sum()).isEqualTo(3);
        assertThat(hours.get(23).get("tasks").asLong()).isEqualTo(2);
        assertThat(overview.get("mostTriggered")).extracting(s -> s.get("service").asText() + "=" + s.get("tasks"))
                .containsExactly("svc-02=2", "svc-01=1");
        assertThat(overview.get("latestTasks")).hasSize(3);
        assertThat(overview.get("latestTasks").get(2).get("id").asText()).isEqualTo(first);
    }

    private static List<String> names(JsonNode page) {
        return java.util.stream.StreamSupport.stream(page.get("items").spliterator(), false)
                .map(s -> s.get("name").asText()).toList();
    }
}

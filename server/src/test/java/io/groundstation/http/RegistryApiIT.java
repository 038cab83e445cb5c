package io.groundstation.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.config.Settings;
import io.groundstation.testing.fixtures.ShopFleet;
import io.groundstation.testing.harness.Scrape;
import io.groundstation.testing.harness.ClassServer;
import io.groundstation.testing.harness.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryApiIT {

    @RegisterExtension
    static final ClassServer server = new ClassServer(Map.of(Settings.ADMIN_TOKEN, "admin"), ShopFleet::register);

    @Test
    void servicesCountAliveAndDeadProcessesWithTheirLayers() {
        JsonNode services = server.get().getJson("/api/services");
        assertThat(services).hasSize(2);
        ShopFleet.assertShopSummary(services.get(1));
        assertThat(services.get(1).get("id").asText()).isEqualTo("bnM6OnNob3A=.1");
    }

    @Test
    void instancesOfAService() {
        JsonNode instances = server.get().getJson("/api/services/" + encode("ns::shop") + "/instances");
        assertThat(instances).extracting(i -> i.get("name").asText()).containsExactly("shop-0", "shop-1", "shop-2");
        assertThat(instances.get(0).get("deadProcesses").asLong()).isEqualTo(2);
        assertThat(instances.get(1).get("aliveProcesses").asLong()).isEqualTo(1);
    }

    @Test
    void processesAreFilteredAndPaged() {
        JsonNode page = server.get().getJson("/api/processes?service=" + encode("ns::shop") + "&state=dead&limit=2");
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("items")).hasSize(2);
        JsonNode rest = server.get().getJson("/api/processes?service=" + encode("ns::shop") + "&state=dead&offset=2");
        assertThat(rest.get("items")).hasSize(1);
        assertThat(server.get().getJson("/api/processes?state=alive").get("total").asLong()).isEqualTo(2);
        assertThat(server.get().getJson("/api/processes").get("total").asLong()).isEqualTo(5);
        assertThat(server.get().getJson("/api/processes?service=" + encode("ns::shop") + "&instance=shop-0")
                .get("total").asLong()).isEqualTo(2);
    }

    @Test
    void oneProcessShowsItsRedactedProperties() {
        JsonNode any = server.get().getJson("/api/processes?service=" + encode("ns::shop") + "&instance=shop-2")
                .get("items").get(0);
        JsonNode process = server.get().getJson("/api/processes/" + any.get("id").asText());
        assertThat(process.get("properties").get("command_line").asText())
                .isEqualTo("java -jar shop.jar --db.password=******");
        assertThat(process.get("labels")).isEmpty();
        assertThat(process.get("detectType").asText()).isEqualTo("KUBERNETES");
        assertThat(process.get("ebpfProfilingSupported").asBoolean()).isTrue();
    }

    @Test
    void agentsCountTheirAliveProcesses() {
        JsonNode agents = server.get().getJson("/api/agents");
        assertThat(agents).extracting(a -> a.get("id").asText()).containsExactly("node-b", "node-a");
        assertThat(agents.get(0).get("aliveProcesses").asInt()).isEqualTo(2);
        assertThat(agents.get(1).get("state").asText()).isEqualTo("DEAD");
    }

    @Test
    void errorsAreJsonWithTheRightStatus() {
        assertError(server.get().get("/api/processes/nope"), 404, "no process with id nope");
        assertError(server.get().get("/api/processes?state=zombie"), 400, "state must be one of");
        assertError(server.get().get("/api/processes?limit=0"), 400, "limit must be in 1..1000");
        assertError(server.get().get("/api/processes?instance=x"), 400, "needs the service parameter");
        assertError(server.get().get("/api/nothing-here"), 404, "");
        assertError(server.get().send("DELETE", "/api/processes/x", null, null), 401, "admin token");
    }

    @Test
    void healthReadinessAndMetrics() {
        assertThat(server.get().get("/healthz").statusCode()).isEqualTo(200);
        assertThat(server.get().getJson("/readyz").get("status").asText()).isEqualTo("ready");
        Scrape metrics = server.get().metrics();
        assertThat(metrics.value("groundstation_rpc_total", "method", "reportProcesses", "code", "OK")).isEqualTo(2);
        assertThat(metrics.value("groundstation_rpc_duration_seconds_count", "method", "reportProcesses"))
                .isEqualTo(2);
        assertThat(metrics.value("groundstation_registry_processes")).isEqualTo(5);
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(TestServer.readJson(response.body()).get("error").asText()).contains(message);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

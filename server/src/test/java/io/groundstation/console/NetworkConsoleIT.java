package io.groundstation.console;

import io.groundstation.config.Settings;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.ClientStreams;
import io.groundstation.testing.fixtures.Rover;
import io.groundstation.testing.harness.Browser;
import io.groundstation.testing.harness.ClassServer;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.language.agent.v3.MeterReportServiceGrpc;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEventReportServiceGrpc;
import org.apache.skywalking.apm.network.logging.v3.LogReportServiceGrpc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.groundstation.testing.fixtures.NetworkStreams.collection;
import static io.groundstation.testing.fixtures.NetworkStreams.histogram;
import static io.groundstation.testing.fixtures.NetworkStreams.httpEvent;
import static io.groundstation.testing.fixtures.NetworkStreams.link;
import static io.groundstation.testing.fixtures.NetworkStreams.sampledTrace;
import static io.groundstation.testing.fixtures.NetworkStreams.single;
import static io.groundstation.testing.fixtures.NetworkStreams.with;
import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A NETWORK task's page in a real browser: Rover's three streams arrive over gRPC, the operator reads the topology
 * (labels, then one edge's details), lists the sampled requests and opens one's content — refused until the admin
 * token is given, then shown masked.
 */
class NetworkConsoleIT {

    @RegisterExtension
    static final Browser browser = new Browser();
    @RegisterExtension
    static final ClassServer server = new ClassServer(Map.of(Settings.ADMIN_TOKEN, "admin"));
    static final String APP = Ids.processId("shop", "shop-0", "app");
    static final String ENVOY = Ids.processId("shop", "shop-0", "envoy");
    static String task;

    @BeforeAll
    static void networkTaskWithResults() {
        Rover.reportProcesses(server.get(), "node-a", k8s(entity("MESH", "shop", "shop-0", "app"), 10, "app"),
                k8s(entity("MESH", "shop", "shop-0", "envoy"), 11, "envoy"));
        HttpResponse<String> started = server.get().send("POST", "/api/tasks", """
                {"service": "shop", "target": "NETWORK", "instance": "shop-0", "durationSeconds": 600}""", "admin");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        task = TestServer.readJson(started.body()).get("tasks").get(0).get("id").asText();
        long t = server.get().clock().millis() + 2_000;
        Map<String, String> toEnvoy = link("client", APP, "server_process_id", ENVOY, "http", false);
        Map<String, String> fromOutside = link("server", ENVOY, "client_address", "10.0.0.9:51000", "http", true);
        ClientStreams.send(MeterReportServiceGrpc.newStub(server.get().channel())::collectBatch, List.of(
                collection("shop", "shop-0", t, List.of(
                        single("rover_net_p_http1_request_counter", 120, toEnvoy),
                        single("rover_net_p_http1_response_status_counter", 114, with(toEnvoy, "code", "200")),
                        single("rover_net_p_http1_response_status_counter", 6, with(toEnvoy, "code", "503")),
                        single("rover_net_p_http1_client_duration_avg", 42, toEnvoy),
                        histogram("rover_net_p_http1_client_duration_histogram",
                                Map.of(0.0, 10L, 25.0, 80L, 100.0, 25L, 500.0, 5L), toEnvoy, new Random(3)),
                        single("rover_net_p_client_write_bytes_counter", 48_000, toEnvoy),
                        single("rover_net_p_http1_request_counter", 30, fromOutside),
                        single("rover_net_p_http1_response_status_counter", 30, with(fromOutside, "code", "200"))))));
        ClientStreams.send(LogReportServiceGrpc.newStub(server.get().channel())::collect, List.of(
                sampledTrace("shop", "shop-0", t, "trace-slow", "/api/pay", "slow", 1800, 200, APP, ENVOY, "client"),
                sampledTrace("shop", "shop-0", t, "trace-5xx", "/api/cart", "status_5xx", 30, 503, APP, ENVOY,
                        "client")));
        ClientStreams.send(SpanAttachedEventReportServiceGrpc.newStub(server.get().channel())::collect, List.of(
                httpEvent("HTTP Request Sampling", "trace-5xx", t + 1, "POST /api/cart HTTP/1.1\r\nHost: shop\r\n"
                        + "Authorization: Bearer console-secret\r\nCookie: sid=console-cookie\r\n\r\n{\"item\":7}",
                        "shop", "shop-0", "app"),
                httpEvent("HTTP Response Sampling", "trace-5xx", t + 30, "HTTP/1.1 503 Service Unavailable\r\n"
                        + "Content-Type: text/plain\r\n\r\ntry later", "shop", "shop-0", "app")));
    }

    @Test
    void theTaskPageDrawsTheTopologyAndShowsASamplesMaskedContentOnceTheTokenIsGiven() {
        browser.open("http://127.0.0.1:" + server.get().server().httpPort() + "/console/#/tasks/" + task);
        WebElement token = browser.await(By.id("admin-token"));
        token.clear();
        browser.driver().navigate().refresh();

        browser.await(By.id("topology"));
        List<WebElement> edges = browser.driver().findElements(By.cssSelector("#topology g.edge"));
        assertThat(edges).hasSize(2);
        WebElement appToEnvoy = browser.await(By.cssSelector("#topology g.edge[data-source='" + APP + "']"));
        assertThat(appToEnvoy.getAttribute("data-target")).isEqualTo(ENVOY);
        assertThat(appToEnvoy.findElement(By.tagName("text")).getText()).contains("5.0 % err", "p99 500.0 ms");
        assertThat(appToEnvoy.getAttribute("class")).contains("failing");
        assertThat(browser.driver().findElements(By.cssSelector("#topology g.node")))
                .extracting(n -> n.getAttribute("data-id"))
                .containsExactlyInAnyOrder(APP, ENVOY, "address:10.0.0.9:51000");
        appToEnvoy.findElement(By.tagName("text")).click();
        assertThat(browser.await(By.id("edge-details")).getText()).contains("Status codes", "200: 114", "503: 6",
                "mean 42.0 ms");
        browser.screenshot("network-topology");

        WebElement row = browser.await(By.cssSelector("tr[data-key='trace-5xx|" + APP + "|status_5xx']"));
        assertThat(row.getText()).contains("/api/cart", "status_5xx", "503");
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-key^='trace-']"))).hasSize(2);
        row.findElement(By.className("show-content")).click();
        assertThat(browser.await(By.id("content-needs-token")).getText()).contains("admin token");
        assertThat(browser.driver().findElements(By.cssSelector("pre.content"))).isEmpty();

        token = browser.await(By.id("admin-token"));
        token.sendKeys("admin");
        row.findElement(By.className("show-content")).click();
        browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("pre.content"), 2));
        String request = browser.driver().findElement(By.cssSelector(
                "div.event[data-event='HTTP Request Sampling'] pre.content")).getText();
        assertThat(request).contains("Authorization: ******", "Cookie: ******", "{\"item\":7}")
                .doesNotContain("console-secret").doesNotContain("console-cookie");
        assertThat(browser.driver().findElement(By.id("sample-content")).getText()).contains("try later");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()",
                browser.driver().findElement(By.id("sample-content")));
        browser.screenshot("network-sample-content");
    }
}

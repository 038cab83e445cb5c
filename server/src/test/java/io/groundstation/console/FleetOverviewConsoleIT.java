package io.groundstation.console;

import io.groundstation.config.Settings;
import io.groundstation.testing.fixtures.Rover;
import io.groundstation.testing.harness.Browser;
import io.groundstation.testing.harness.MutableClock;
import io.groundstation.testing.harness.ClassServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.groundstation.testing.fixtures.Policies.CPU_OVER_80;
import static io.groundstation.testing.fixtures.Protos.numberedServices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet overview at 1280 px: totals, the triggered-tasks chart, the most triggered services, the latest tasks,
 * and 60 services paged, sorted and searched by the server.
 */
class FleetOverviewConsoleIT {

    @RegisterExtension
    static final Browser browser = new Browser();
    /** 20 minutes in the past, so that after the clock moves on the console's "ago" matches the browser's clock. */
    @RegisterExtension
    static final ClassServer server = new ClassServer(Map.of(Settings.ADMIN_TOKEN, "admin"),
            new MutableClock(System.currentTimeMillis() - Duration.ofMinutes(20).toMillis()));
    static String latest;

    @BeforeAll
    static void fleetWithTriggers() {
        // svc-00 .. svc-59, svc-n with n % 4 + 1 instances
        List<EBPFProcessProperties> fleet = numberedServices(60, 4);
        Rover.reportProcesses(server.get(), "node-a", fleet);
        for (String service : List.of("svc-03", "svc-07")) {
            server.get().send("PUT", "/api/policies/" + service, CPU_OVER_80, "admin");
        }
        Rover.triggerOnCpu(server.get(), "K8S_SERVICE", "svc-03", "pod-0", "java");
        server.get().clock().advance(Duration.ofMinutes(20));
        // the agent reports again: everything stays alive once that heartbeat is written, which the background
        // flush may not have done yet when the page is read
        Rover.reportProcesses(server.get(), "node-a", fleet);
        server.get().server().parts().registry().flushPings();
        Rover.triggerOnCpu(server.get(), "K8S_SERVICE", "svc-03", "pod-1", "java");
        latest = Rover.triggerOnCpu(server.get(), "K8S_SERVICE", "svc-07", "pod-2", "java");
        browser.driver().manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void totalsChartTopServicesAndLatestTasks() {
        browser.open(console(""));
        assertThat(tile("agents")).startsWith("1\nagents alive\n0 dead");
        assertThat(tile("processes")).startsWith("150\nprocesses alive");
        assertThat(tile("services")).startsWith("60\nservices");
        assertThat(tile("policies")).startsWith("2\npolicies");
        assertThat(tile("running")).startsWith("2\nrunning tasks");
        WebElement chart = browser.await(By.cssSelector("figure.chart"));
        assertThat(chart.getText()).contains("3 tasks triggered");
        assertThat(chart.findElements(By.tagName("canvas"))).as("drawn by uPlot").isNotEmpty();
        assertThat(cells(browser.await(By.cssSelector("tr[data-key='top:svc-03']")))).containsExactly("svc-03", "2");
        assertThat(cells(browser.await(By.cssSelector("tr[data-key='top:svc-07']")))).containsExactly("svc-07", "1");
        WebElement newest = browser.await(By.cssSelector("tr[data-key='" + latest + "']"));
        assertThat(cells(newest)).contains("svc-07", "policy", "ON_CPU", "pod-2", "java");
        browser.screenshot("fleet-overview");
    }

    @Test
    void servicesArePagedSortedAndSearchedByTheServer() {
        browser.open(console(""));
        assertThat(browser.await(By.cssSelector("#services .pager")).getText()).startsWith("1–50 of 60 services");
        assertThat(serviceNames()).hasSize(50).startsWith("svc-00", "svc-01");
        browser.await(By.cssSelector("#services .page-next")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#services .pager"),
                "51–60 of 60"));
        assertThat(serviceNames()).startsWith("svc-50").endsWith("svc-59");
        assertThat(browser.driver().getCurrentUrl()).contains("offset=50");

        // Instances ascending, then descending: 4 instances first, ties by name.
        browser.await(By.cssSelector("button.sort[data-sort='instances']")).click();
        browser.await(By.cssSelector("button.sort[data-sort='instances'][aria-sort='ascending']")).click();
        browser.await(By.cssSelector("button.sort[data-sort='instances'][aria-sort='descending']"));
        assertThat(serviceNames()).startsWith("svc-03", "svc-07", "svc-11");
        assertThat(browser.driver().getCurrentUrl()).contains("sort=-instances").doesNotContain("offset");

        WebElement search = browser.await(By.id("fleet-search"));
        search.sendKeys("SVC-1");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#services .pager"),
                "1–10 of 10 services"));
        assertThat(serviceNames()).startsWith("svc-11", "svc-15", "svc-19").hasSize(10);
        browser.screenshot("fleet-services-sorted");

        browser.driver().navigate().refresh();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#services .pager"),
                "1–10 of 10 services"));
        assertThat(browser.await(By.id("fleet-search")).getAttribute("value")).isEqualTo("SVC-1");
        assertThat(serviceNames()).startsWith("svc-11", "svc-15", "svc-19");
    }

    @Test
    void chartsTakeTheKeyboard() {
        browser.open(console(""));
        WebElement chart = browser.await(By.cssSelector("figure.chart"));
        assertThat(chart.getAttribute("tabindex")).isEqualTo("0");
        WebElement value = chart.findElement(By.cssSelector(".u-legend .u-series:nth-child(2) .u-value"));
        // The current hour holds the two later triggers, and the first one too unless an hour began in between.
        chart.sendKeys(Keys.END);
        browser.await(d -> List.of("2", "3").contains(value.getText()));
        chart.sendKeys(Keys.HOME);
        browser.await(d -> value.getText().equals("0"));
        chart.sendKeys(Keys.ARROW_RIGHT);
        assertThat(chart.findElement(By.cssSelector(".u-legend .u-series:nth-child(1) .u-value")).getText())
                .as("the time of the second hour").isNotEqualTo("—");
    }

    private static String tile(String name) {
        return browser.await(By.cssSelector("[data-total='" + name + "']")).getText();
    }

    private static List<String> serviceNames() {
        return browser.driver().findElements(By.cssSelector("#services tr[data-key]")).stream()
                .map(r -> r.getAttribute("data-key")).toList();
    }

    private static String console(String hash) {
        return "http://127.0.0.1:" + server.get().server().httpPort() + "/console/" + hash;
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }
}

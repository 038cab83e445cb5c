package io.groundstation.console;

import io.groundstation.config.Settings;
import io.groundstation.testing.fixtures.ShopFleet;
import io.groundstation.testing.harness.Browser;
import io.groundstation.testing.harness.ClassServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fleet overview and the service page in a real browser, on processes registered through gRPC. */
class FleetConsoleIT {

    @RegisterExtension
    static final Browser browser = new Browser();
    @RegisterExtension
    static final ClassServer server = new ClassServer(Map.of(Settings.ADMIN_TOKEN, "admin"), ShopFleet::register);

    @Test
    void fleetOverviewShowsServicesWithTheirLayersAndCountsAndAgents() {
        browser.open(console(""));
        WebElement shop = browser.await(By.cssSelector("tr[data-key='ns::shop']"));
        assertThat(cells(shop)).startsWith("ns::shop").endsWith("3", "1", "3");
        assertThat(texts(shop.findElements(By.className("chip")))).containsExactly("K8S_SERVICE", "MESH");
        assertThat(cells(row("hosts"))).endsWith("1", "1", "0");
        assertThat(cells(row("node-b"))).startsWith("node-b", "alive", "2");
        assertThat(cells(row("node-a"))).startsWith("node-a", "dead", "0");
        browser.screenshot("fleet");
    }

    @Test
    void searchFiltersServicesAndAgentsByNameAndSurvivesAReload() {
        browser.open(console(""));
        WebElement search = browser.await(By.id("fleet-search"));
        search.sendKeys("HOST");
        browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-key]"), 1));
        assertThat(keys()).containsExactly("hosts");
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("No agent matches.");
        browser.screenshot("fleet-search");

        browser.driver().navigate().refresh();
        assertThat(browser.await(By.id("fleet-search")).getAttribute("value")).isEqualTo("HOST");
        browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-key]"), 1));
        assertThat(keys()).containsExactly("hosts");
    }

    @Test
    void servicePageListsInstancesAndProcessesWithRedactedProperties() {
        browser.open(console(""));
        browser.await(By.linkText("ns::shop")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "ns::shop"));
        assertThat(cells(row("shop-0"))).startsWith("shop-0", "0", "2");
        assertThat(cells(row("shop-1"))).startsWith("shop-1", "1", "0");
        List<WebElement> processes = browser.driver().findElements(By.cssSelector("tr[data-key] td.props"));
        assertThat(processes).hasSize(4);

        WebElement envoy = browser.driver().findElements(By.cssSelector("tr[data-key]")).stream()
                .filter(r -> cells(r).get(0).equals("envoy")).findFirst().orElseThrow();
        assertThat(texts(envoy.findElements(By.className("chip")))).containsExactly("sidecar", "istio");
        WebElement java = browser.driver().findElements(By.cssSelector("tr[data-key]")).stream()
                .filter(r -> cells(r).subList(0, 2).equals(List.of("java", "shop-2"))).findFirst().orElseThrow();
        assertThat(cells(java)).containsSubsequence("K8S_SERVICE", "102", "dead", "yes");
        java.findElement(By.tagName("summary")).click();
        WebElement properties = java.findElement(By.tagName("dl"));
        assertThat(properties.getText()).contains("java -jar shop.jar --db.password=******")
                .doesNotContain("topsecret");
        browser.screenshot("service");
    }

    @Test
    void processesAreFilteredByStateAndInstanceThroughLinks() {
        browser.open(console("#/services/ns%3A%3Ashop"));
        browser.await(By.cssSelector("a[data-state='alive']")).click();
        browser.await(ExpectedConditions.urlContains("state=alive"));
        browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-key] td.props"), 1));
        browser.await(By.linkText("shop-0")).click();
        browser.await(ExpectedConditions.urlContains("instance=shop-0"));
        // the link changes the URL at once; the page is drawn when its reads answer
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "No process matches."));
        browser.await(By.cssSelector("a[data-state='dead']")).click();
        browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-key] td.props"), 2));
        browser.screenshot("service-filtered");
    }

    @Test
    void hostProcessesWithoutEbpfSupportSayNo() {
        browser.open(console("#/services/hosts"));
        WebElement sshd = browser.await(By.xpath("//tr[@data-key][td[1][normalize-space()='sshd']]"));
        assertThat(cells(sshd)).containsSubsequence("OS_LINUX", "1", "alive", "no");
    }

    @Test
    void anUnknownServiceSaysSo() {
        browser.open(console("#/services/nope"));
        assertThat(browser.await(By.cssSelector("[role=alert]")).getText())
                .isEqualTo("No service named nope is registered.");
    }

    @Test
    void writesCarryTheAdminTokenPastedIntoTheHeader() {
        browser.open(console(""));
        assertThat(deleteSomething()).isEqualTo("401 this endpoint needs 'Authorization: Bearer <admin token>'"
                + " (paste the admin token at the top right)");
        browser.await(By.id("admin-token")).sendKeys("admin");
        assertThat(deleteSomething()).startsWith("404 ");

        browser.driver().navigate().refresh();
        assertThat(browser.await(By.id("admin-token")).getAttribute("value")).isEqualTo("admin");
        browser.driver().findElement(By.id("token-forget")).click();
        assertThat(deleteSomething()).startsWith("401 ");
    }

    /** A write through the console's API module, as the editors of later pages make them. */
    private static String deleteSomething() {
        return (String) browser.callAsync("""
                const done = arguments[arguments.length - 1];
                import('/console/js/api.js')
                  .then(api => api.send('DELETE', '/api/processes/x'))
                  .then(() => done('no error'), e => done(e.status + ' ' + e.message));
                """);
    }

    private static String console(String hash) {
        return "http://127.0.0.1:" + server.get().server().httpPort() + "/console/" + hash;
    }

    private static WebElement row(String key) {
        return browser.await(By.cssSelector("tr[data-key='" + key + "']"));
    }

    private static List<String> keys() {
        return browser.driver().findElements(By.cssSelector("tr[data-key]")).stream()
                .map(r -> r.getAttribute("data-key")).toList();
    }

    private static List<String> cells(WebElement row) {
        return texts(row.findElements(By.tagName("td")));
    }

    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }
}

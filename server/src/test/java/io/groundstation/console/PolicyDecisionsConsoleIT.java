package io.groundstation.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.config.Settings;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.Rover;
import io.groundstation.testing.harness.Browser;
import io.groundstation.testing.harness.MutableClock;
import io.groundstation.testing.harness.ClassServer;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.groundstation.testing.fixtures.Policies.CPU_OVER_80;
import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where decisions are made, at 1280 px: a process's five series with the policy's threshold and a marker where its
 * task fired; the service's charts; a backtest of the draft in the editor marked on them before saving; and the
 * policy's rollout to the agents, updated while the page is open.
 */
class PolicyDecisionsConsoleIT {

    static final String JAVA = Ids.processId("shop", "shop-0", "java");

    @RegisterExtension
    static final Browser browser = new Browser();
    @RegisterExtension
    static final ClassServer server = new ClassServer(Map.of(Settings.ADMIN_TOKEN, "admin",
            Settings.ROLLOUT_FLUSH_INTERVAL, "1h"), MutableClock.atNow());
    static String version;

    @BeforeAll
    static void shopWithBurstsOfCpu() {
        MutableClock clock = server.get().clock();
        EBPFProcessServiceGrpc.newBlockingStub(server.get().channel())
                .reportProcesses(EBPFProcessReportList.newBuilder()
                .setEbpfAgentID("node-a")
                .addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-0", "java"), 10, "java"))
                .addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-1", "java"), 11, "java")).build());
        version = TestServer.readJson(server.get().send("PUT", "/api/policies/shop", CPU_OVER_80, "admin").body())
                .get("version").asText();
        // One CPU value every 5 s for the last hour: 10 %, or 90 % for 30 s at three bursts 25 minutes apart (a
        // backtest with the default 20-minute cooldown fires at each). shop-1 runs at 20 % all along.
        long t0 = Math.floorDiv(clock.millis() - 3_500_000, 5_000) * 5_000;
        List<Long> bursts = List.of(t0, t0 + 1_500_000, t0 + 3_000_000);
        Map<Long, Double> cpu = new TreeMap<>();
        Map<Long, Double> calm = new TreeMap<>();
        for (long t = t0 - 300_000; t <= t0 + 3_100_000; t += 5_000) {
            long at = t;
            cpu.put(t, bursts.stream().anyMatch(b -> at >= b && at < b + 30_000) ? 90.0 : 10.0);
            calm.put(t, 20.0);
        }
        Rover.sendCpu(server.get(), "K8S_SERVICE", "shop", "shop-0", "java", cpu);
        Rover.sendCpu(server.get(), "K8S_SERVICE", "shop", "shop-1", "java", calm);
        Rover.triggerOnCpu(server.get(), "K8S_SERVICE", "shop", "shop-0", "java");
        Rover.pollPolicy(server.get(), "agent-1", "shop", version);
        Rover.pollPolicy(server.get(), "agent-2", "shop", "");
        browser.driver().manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void aProcessPageDrawsItsFiveSeriesWithTheThresholdAndWhereItsTaskFired() {
        browser.open(console("#/services/shop"));
        browser.await(By.xpath("//tr[@data-key='" + JAVA + "']//a[text()='java']")).click();
        browser.await(ExpectedConditions.urlContains("#/processes/"));
        List<WebElement> charts = awaitCharts(5);
        assertThat(charts).extracting(c -> c.getAttribute("data-metric")).containsExactly("process_cpu",
                "process_thread_count", "system_load", "http_error_rate", "http_avg_response_time");
        WebElement cpu = charts.get(0);
        assertThat(cpu.getAttribute("data-threshold")).isEqualTo("80");
        assertThat(cpu.getAttribute("data-markers")).as("the task that fired").isEqualTo("1");
        assertThat(cpu.getText()).contains("Process CPU", "threshold 80%", "1 fired");
        assertThat(cpu.findElements(By.tagName("canvas"))).isNotEmpty();
        assertThat(charts.get(1).getText()).contains("No data in this range.");
        assertThat(browser.await(By.cssSelector("a[data-range='6h']")).getAttribute("class")).isEqualTo("on");
        browser.screenshot("process-metrics");

        browser.await(By.cssSelector("a[data-range='1h']")).click();
        browser.await(ExpectedConditions.urlContains("range=1h"));
        assertThat(awaitCharts(5).get(0).getAttribute("data-markers")).isEqualTo("1");
    }

    @Test
    void aBacktestOfTheDraftSaysHowOftenItWouldHaveFiredAndMarksItOnTheChartsBeforeSaving() {
        browser.open(console("#/services/shop"));
        token();
        WebElement cpu = awaitCharts(5).get(0);
        assertThat(cpu.getText()).contains("threshold 80%");
        assertThat(cpu.findElements(By.cssSelector(".u-legend .u-series"))).as("time and two processes").hasSize(3);

        browser.await(By.id("policy-backtest")).click();
        WebElement result = browser.await(By.id("policy-backtest-result"));
        assertThat(result.getText()).startsWith("Would have fired 3 times in the last 6 h");
        assertThat(result.findElements(By.cssSelector("tr[data-key^='would:']"))).hasSize(3);
        cpu = browser.await(By.cssSelector("figure.chart[data-metric='process_cpu'][data-markers='4']"));
        assertThat(cpu.getText()).contains("1 fired, 3 would-be triggers");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", cpu);
        browser.screenshot("policy-backtest");

        WebElement threshold = browser.await(By.name("ON_CPU.PROCESS_CPU.threshold"));
        threshold.clear();
        threshold.sendKeys("95");
        browser.await(By.id("policy-backtest")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-backtest-result"),
                "Would have fired 0 times in the last 6 h"));
        cpu = browser.await(By.cssSelector("figure.chart[data-metric='process_cpu'][data-threshold='95']"));
        assertThat(cpu.getAttribute("data-markers")).isEqualTo("1");
        assertThat(server.get().getJson("/api/policies/shop").at("/targets/ON_CPU/PROCESS_CPU/threshold").asInt())
                .as("a backtest saves nothing").isEqualTo(80);

        threshold = browser.await(By.name("ON_CPU.PROCESS_CPU.threshold"));
        threshold.clear();
        threshold.sendKeys("900");
        browser.await(By.id("policy-backtest")).click();
        assertThat(browser.await(By.xpath("//input[@name='ON_CPU.PROCESS_CPU.threshold']"
                + "/following-sibling::*[1][@class='problem']")).getText()).startsWith("ON_CPU.PROCESS_CPU.threshold: ");
    }

    @Test
    void theEditorOffersWhatTheServersVocabularySaysAPolicyMayHold() {
        JsonNode vocabulary = server.get().getJson("/api/policy-vocabulary");
        List<String> checkers = new ArrayList<>();
        vocabulary.get("checkers").forEach(c -> checkers.add(c.get("name").asText()));
        assertThat(checkers).containsExactly("PROCESS_CPU", "PROCESS_THREAD_COUNT", "SYSTEM_LOAD", "HTTP_ERROR_RATE",
                "HTTP_AVG_RESPONSE_TIME");
        assertThat(vocabulary.get("targets").toString()).isEqualTo("[\"ON_CPU\",\"OFF_CPU\",\"NETWORK\"]");
        JsonNode errorRate = vocabulary.get("checkers").get(3);
        assertThat(errorRate.get("http").asBoolean()).isTrue();
        assertThat(vocabulary.get("checkers").get(0).get("http").asBoolean()).isFalse();

        browser.open(console("#/services/shop"));
        List<String> metrics = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        vocabulary.get("checkers").forEach(c -> {
            metrics.add(c.get("metric").asText());
            titles.add(c.get("title").asText());
        });
        assertThat(metrics).as("the series each checker is evaluated on").containsExactly("process_cpu",
                "process_thread_count", "system_load", "http_error_rate", "http_avg_response_time");
        List<WebElement> charts = awaitCharts(metrics.size());
        assertThat(charts).extracting(c -> c.getAttribute("data-metric")).as("the charts follow the vocabulary")
                .containsExactlyElementsOf(metrics);
        for (int i = 0; i < charts.size(); i++) {
            assertThat(charts.get(i).getText()).startsWith(titles.get(i));
        }
        Select picker = new Select(browser.await(By.cssSelector("select[aria-label='Checker for ON_CPU']")));
        assertThat(picker.getOptions()).extracting(WebElement::getText).as("all but the policy's own PROCESS_CPU")
                .containsExactlyElementsOf(checkers.subList(1, checkers.size()));
        assertThat(new Select(browser.await(By.id("policy-target"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("OFF_CPU", "NETWORK");
        assertThat(browser.await(By.cssSelector("[data-path='ON_CPU.PROCESS_CPU']")).getText())
                .contains(" " + vocabulary.get("checkers").get(0).get("symbol").asText());
        assertThat(browser.driver().findElements(By.name("ON_CPU.PROCESS_CPU.uriMode"))).isEmpty();

        picker.selectByVisibleText("HTTP_ERROR_RATE");
        browser.await(By.xpath("//fieldset[@data-target='ON_CPU']//button[text()='Add checker']")).click();
        WebElement row = browser.await(By.cssSelector("[data-path='ON_CPU.HTTP_ERROR_RATE']"));
        assertThat(row.getText()).contains(" " + errorRate.get("symbol").asText());
        assertThat(browser.await(By.name("ON_CPU.HTTP_ERROR_RATE.uriMode")).isDisplayed())
                .as("an HTTP checker takes a URI filter").isTrue();
    }

    @Test
    void thePolicyPageShowsWhichAgentsHoldTheCurrentVersionUpdatedLive() {
        browser.open(console("#/services/shop"));
        WebElement summary = browser.await(By.id("policy-rollout-summary"));
        assertThat(summary.getText()).isEqualTo("Held by 1 of 2 agents; 1 holds an older version or none.");
        assertThat(cells(browser.await(By.cssSelector("tr[data-key='rollout:agent-1']")))).startsWith("agent-1",
                "current", version);
        assertThat(cells(browser.await(By.cssSelector("tr[data-key='rollout:agent-2']")))).startsWith("agent-2",
                "none", "—");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", summary);
        browser.screenshot("policy-rollout");

        Rover.pollPolicy(server.get(), "agent-2", "shop", version);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-rollout-summary"),
                "Held by 2 of 2 agents."));
    }

    private static List<WebElement> awaitCharts(int n) {
        return browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("figure.chart[data-metric]"), n));
    }

    private static void token() {
        WebElement token = browser.await(By.id("admin-token"));
        token.clear();
        token.sendKeys("admin");
    }

    private static String console(String hash) {
        return "http://127.0.0.1:" + server.get().server().httpPort() + "/console/" + hash;
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }
}

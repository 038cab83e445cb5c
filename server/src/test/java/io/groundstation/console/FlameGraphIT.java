package io.groundstation.console;

import io.groundstation.testing.harness.Browser;
import io.groundstation.testing.harness.ClassServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The flame-graph component in a real browser, mounted by the test on a tree shaped like the profile API's
 * ({@code GET /api/tasks/{id}/profile/flamegraph}), with the off-CPU fields as extra metrics.
 */
class FlameGraphIT {

    // value = samples; switches and durationNs as an off-CPU profile carries them. json_parse appears twice.
    private static final String TREE = """
            {"name": "root", "value": 100, "switches": 40, "durationNs": 8000000000, "children": [
              {"name": "main", "value": 70, "switches": 10, "durationNs": 2000000000, "children": [
                {"name": "parseRequest", "value": 30, "switches": 5, "durationNs": 1000000000, "children": [
                  {"name": "json_parse", "value": 20, "switches": 5, "durationNs": 1000000000}]},
                {"name": "handle", "value": 40, "switches": 5, "durationNs": 1000000000, "children": [
                  {"name": "db_query", "value": 25, "switches": 4, "durationNs": 900000000},
                  {"name": "json_parse", "value": 10, "switches": 1, "durationNs": 100000000}]}]},
              {"name": "gc", "value": 30, "switches": 30, "durationNs": 6000000000}]}
            """;

    @RegisterExtension
    static final Browser browser = new Browser();
    @RegisterExtension
    static final ClassServer server = new ClassServer();

    @BeforeEach
    void mountTheGraph() {
        browser.open("http://127.0.0.1:" + server.get().server().httpPort() + "/console/");
        browser.await(By.id("fleet-search"));
        Object result = browser.callAsync("""
                const [tree, done] = arguments;
                import('/console/js/flamegraph.js')
                  .then(m => { document.getElementById('view').replaceChildren(m.flameGraph(JSON.parse(tree))); })
                  .then(() => done('mounted'), e => done(String(e)));
                """, TREE);
        assertThat(result).isEqualTo("mounted");
        browser.await(By.cssSelector("g.frame[data-name='gc']"));
    }

    @Test
    void framesAreAsWideAsTheirShareOfSamples() {
        double full = chartWidth();
        assertThat(width("root")).isCloseTo(full, within(1.0));
        assertThat(width("main")).isCloseTo(full * 0.7, within(1.0));
        assertThat(width("gc")).isCloseTo(full * 0.3, within(1.0));
        assertThat(width("db_query")).isCloseTo(full * 0.25, within(1.0));
        assertThat(status()).isEqualTo("100 samples");
        browser.screenshot("flamegraph");
    }

    @Test
    void tooltipShowsCountsAndPercentages() {
        new Actions(browser.driver()).moveToElement(frame("handle")).perform();
        WebElement tooltip = browser.await(By.className("fg-tooltip"));
        assertThat(tooltip.getText()).isEqualTo(
                "handle\n40 samples · 5 switches · 1.00 s off-CPU time · 40.0% of all");
    }

    @Test
    void searchHighlightsMatchesAndCountsTheirShareOnce() {
        browser.driver().findElement(By.className("fg-search")).sendKeys("JSON");
        browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("g.frame.match"), 2));
        assertThat(status()).isEqualTo("100 samples · 2 matching frames, 30.0% of this view");

        // "parse" matches parseRequest and the json_parse inside it: their 30 samples count once, plus 10.
        WebElement search = browser.driver().findElement(By.className("fg-search"));
        search.clear();
        search.sendKeys("parse");
        browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("g.frame.match"), 3));
        assertThat(status()).endsWith("3 matching frames, 40.0% of this view");
        browser.screenshot("flamegraph-search");
    }

    @Test
    void clickZoomsIntoAFrameAndItsAncestorsLeadBackOut() {
        browser.driver().findElement(By.className("fg-search")).sendKeys("json");
        frame("handle").click();
        browser.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("g.frame[data-name='gc']")));
        double full = chartWidth();
        assertThat(width("handle")).isCloseTo(full, within(1.0));
        assertThat(width("db_query")).isCloseTo(full * 25 / 40, within(1.0));
        assertThat(browser.driver().findElements(By.cssSelector("g.frame.ancestor")))
                .extracting(g -> g.getAttribute("data-name")).containsExactly("root", "main");
        assertThat(status()).isEqualTo(
                "handle: 40 samples, 40.0% of all · 1 matching frame, 25.0% of this view");
        new Actions(browser.driver()).moveToElement(frame("db_query")).perform();
        assertThat(browser.await(By.className("fg-tooltip")).getText()).endsWith("25.0% of all · 62.5% of zoomed frame");
        browser.screenshot("flamegraph-zoomed");

        frame("main").click();
        browser.await(By.cssSelector("g.frame[data-name='parseRequest']"));
        assertThat(width("main")).isCloseTo(full, within(1.0));
        browser.driver().findElement(By.className("fg-reset")).click();
        browser.await(By.cssSelector("g.frame[data-name='gc']"));
        assertThat(width("root")).isCloseTo(full, within(1.0));
        assertThat(status()).startsWith("100 samples");
    }

    @Test
    void offCpuMetricsReweighTheFrames() {
        new Select(browser.driver().findElement(By.className("fg-metric"))).selectByVisibleText("off-CPU time");
        browser.await(ExpectedConditions.textToBe(By.className("fg-status"), "8.00 s off-CPU time"));
        double full = chartWidth();
        assertThat(width("gc")).isCloseTo(full * 6 / 8, within(1.0));
        new Select(browser.driver().findElement(By.className("fg-metric"))).selectByVisibleText("switches");
        browser.await(ExpectedConditions.textToBe(By.className("fg-status"), "40 switches"));
        assertThat(width("main")).isCloseTo(full * 10 / 40, within(1.0));
        browser.screenshot("flamegraph-off-cpu");
    }

    private static WebElement frame(String name) {
        return browser.await(By.cssSelector("g.frame[data-name='" + name + "']"));
    }

    private static double width(String name) {
        return Double.parseDouble(frame(name).findElement(By.tagName("rect")).getAttribute("width"));
    }

    private static double chartWidth() {
        return browser.driver().findElement(By.className("fg-chart")).getRect().getWidth();
    }

    private static String status() {
        return browser.driver().findElement(By.className("fg-status")).getText();
    }
}

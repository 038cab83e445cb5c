package io.groundstation.console;

import io.groundstation.config.Settings;
import io.groundstation.testing.fixtures.ShopProfiles;
import io.groundstation.testing.harness.Browser;
import io.groundstation.testing.harness.ClassServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profiles you can compare, at 1280 px: the top-functions table next to the flame graph (sorted, searched, a click
 * focuses the graph), kernel frames apart, and the differential flame graph of two tasks.
 */
class ProfileCompareConsoleIT {

    @RegisterExtension
    static final Browser browser = new Browser();
    @RegisterExtension
    static final ClassServer server = new ClassServer(Map.of(Settings.ADMIN_TOKEN, "admin"));
    static String before;
    static String after;

    @BeforeAll
    static void twoProfiledTasks() throws Exception {
        ShopProfiles profiles = ShopProfiles.register(server.get(), "admin");
        before = profiles.before();
        after = profiles.after();
        browser.driver().manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void topFunctionsAreSortedSearchedAndFocusTheFlameGraph() {
        browser.open(console("#/tasks/" + before));
        assertThat(functions()).as("by self, widest first").startsWith("fn:parse", "fn:idle", "fn:k:sys_read");
        assertThat(cells(browser.await(By.cssSelector("tr[data-key='fn:parse']"))))
                .containsExactly("parse", "6", "50.0%", "6", "50.0%");
        browser.await(By.cssSelector(".top-functions button.sort[data-sort='total']")).click();
        browser.await(By.cssSelector(".top-functions button.sort[data-sort='total'][aria-sort]"));
        assertThat(functions()).startsWith("fn:main", "fn:parse", "fn:work");
        WebElement kernelFrame = browser.await(By.cssSelector("g.frame.kernel[data-name='sys_read']"));
        assertThat(kernelFrame.getText()).isEqualTo("sys_read [k]");
        assertThat(browser.driver().findElements(By.cssSelector("g.frame.kernel"))).hasSize(1);
        browser.screenshot("task-top-functions");

        browser.await(By.cssSelector(".tf-search")).sendKeys("SYS");
        browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".top-functions tbody tr"), 1));
        WebElement row = browser.await(By.cssSelector("tr[data-key='fn:k:sys_read']"));
        assertThat(row.getText()).contains("sys_read", "kernel");
        row.click();
        browser.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("g.frame[data-name='idle']")));
        assertThat(browser.driver().findElements(By.cssSelector("g.frame.ancestor")))
                .extracting(g -> g.getAttribute("data-name")).containsExactly("root", "main", "read");
        assertThat(browser.await(By.cssSelector("g.frame.match.kernel[data-name='sys_read']")).isDisplayed()).isTrue();
    }

    @Test
    void aDifferentialFlameGraphComparesTwoTasks() {
        browser.open(console("#/tasks/" + before));
        new Select(browser.await(By.id("compare-task"))).selectByValue(after);
        browser.await(ExpectedConditions.urlContains("compare=" + after));
        assertThat(browser.await(By.id("compare-summary")).getText()).isEqualTo("base 12, compare 20 samples");
        WebElement regex = browser.await(By.cssSelector("#diff-graph g.frame[data-name='regex']"));
        WebElement parse = browser.await(By.cssSelector("#diff-graph g.frame[data-name='parse']"));
        assertThat(hue(regex)).as("grew: red").isEqualTo("0");
        assertThat(hue(parse)).as("shrank: blue").isEqualTo("215");
        assertThat(browser.driver().findElement(By.cssSelector("#diff-graph .fg-metric")).getText())
                .contains("in compare", "in base");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()",
                browser.await(By.id("compare-summary")));
        browser.screenshot("task-diff");

        browser.await(By.id("compare-swap")).click();
        browser.await(ExpectedConditions.urlContains("#/tasks/" + after + "?compare=" + before));
        assertThat(browser.await(By.id("compare-summary")).getText()).isEqualTo("base 20, compare 12 samples");
    }

    private static String hue(WebElement frame) {
        String fill = frame.findElement(By.tagName("rect")).getAttribute("fill");
        return fill.substring("hsl(".length(), fill.indexOf(','));
    }

    private static List<String> functions() {
        return browser.await(ExpectedConditions.presenceOfAllElementsLocatedBy(
                By.cssSelector(".top-functions tbody tr"))).stream().map(r -> r.getAttribute("data-key")).toList();
    }

    private static String console(String hash) {
        return "http://127.0.0.1:" + server.get().server().httpPort() + "/console/" + hash;
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }
}

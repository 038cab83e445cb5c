package io.groundstation.console;

import io.groundstation.config.Settings;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.Rover;
import io.groundstation.testing.harness.Browser;
import io.groundstation.testing.harness.ClassServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.Map;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walk-through in a real browser: an operator sets a policy (first a refused one), a simulated Rover
 * triggers it and uploads samples through gRPC, and the operator follows the trigger from the service's timeline
 * to the task's flame graph; then starts an on-demand task from the form.
 */
class ProfilingConsoleIT {

    @RegisterExtension
    static final Browser browser = new Browser();
    @RegisterExtension
    static final ClassServer server = new ClassServer(Map.of(Settings.ADMIN_TOKEN, "admin"),
            shop -> Rover.reportProcesses(shop, "node-a",
                    k8s(entity("K8S_SERVICE", "shop", "shop-0", "java", "app=shop"), 10, "java")));
    static final String JAVA = Ids.processId("shop", "shop-0", "java");

    @Test
    void aPolicySetInTheEditorTriggersATaskWhoseFlameGraphCanBeZoomed() throws Exception {
        openShop();
        new Select(browser.await(By.id("policy-target"))).selectByVisibleText("ON_CPU");
        browser.await(By.id("policy-add-target")).click();
        browser.await(By.xpath("//fieldset[@data-target='ON_CPU']//button[text()='Add checker']")).click();
        WebElement threshold = browser.await(By.name("ON_CPU.PROCESS_CPU.threshold"));
        threshold.sendKeys("150");
        browser.await(By.id("policy-save")).click();

        WebElement problem = browser.await(By.xpath(
                "//input[@name='ON_CPU.PROCESS_CPU.threshold']/following-sibling::*[1][@class='problem']"));
        assertThat(problem.getText()).startsWith("ON_CPU.PROCESS_CPU.threshold: ");
        assertThat(server.get().get("/api/policies/shop").statusCode()).as("nothing stored").isEqualTo(404);
        browser.screenshot("policy-refused");

        threshold = browser.await(By.name("ON_CPU.PROCESS_CPU.threshold"));
        threshold.clear();
        threshold.sendKeys("80");
        browser.await(By.id("policy-save")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-version"), "stored version"));
        assertThat(browser.driver().findElements(By.className("problem"))).isEmpty();
        assertThat(server.get().getJson("/api/policies/shop").at("/targets/ON_CPU/PROCESS_CPU/threshold").asInt())
                .isEqualTo(80);
        browser.screenshot("policy-stored");

        String task = trigger();
        upload(task);
        browser.driver().navigate().refresh();
        WebElement row = browser.await(By.cssSelector("tr[data-key='" + task + "']"));
        assertThat(row.getText()).contains("policy", "ON_CPU", "java", "arrived");
        assertThat(browser.await(By.cssSelector("tr[data-key='" + JAVA + "']")).getText()).as("coverage")
                .contains("java", "1");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", row);
        browser.screenshot("service-timeline");

        row.findElement(By.tagName("a")).click();
        browser.await(ExpectedConditions.urlContains("#/tasks/" + task));
        assertThat(browser.await(By.id("task-summary")).getText()).contains("triggered by the policy");
        assertThat(browser.await(By.cssSelector("tr[data-key='" + JAVA + "']")).getText()).contains("7");
        frame("work").click();
        browser.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("g.frame[data-name='idle']")));
        assertThat(browser.driver().findElements(By.cssSelector("g.frame.ancestor")))
                .extracting(g -> g.getAttribute("data-name")).containsExactly("root", "main");
        assertThat(frame("hot").isDisplayed()).isTrue();
        assertThat(browser.driver().findElement(By.linkText("pprof")).getAttribute("href"))
                .endsWith("/api/tasks/" + task + "/profile/pprof");
        browser.screenshot("task-flamegraph");
    }

    @Test
    void theOnDemandFormShowsTheServersProblemsThenLinksToTheStartedTask() {
        openShop();
        assertThat(browser.await(By.cssSelector("input[name='process']")).isDisplayed()).isTrue();
        assertThat(browser.driver().findElement(By.name("instance")).isDisplayed()).as("NETWORK only").isFalse();
        browser.await(By.id("ondemand-start")).click();
        assertThat(browser.await(By.cssSelector("#ondemand-outcome .error")).getText()).contains("processIds or labels");

        browser.await(By.cssSelector("input[name='process'][value='" + JAVA + "']")).click();
        browser.await(By.id("ondemand-start")).click();
        browser.await(By.cssSelector("#ondemand-outcome a")).click();
        assertThat(browser.await(By.id("task-summary")).getText()).contains("on demand", "running");
        browser.screenshot("task-on-demand");

        browser.await(By.id("task-stop")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("task-summary"), "stopped"));
        assertThat(browser.driver().findElements(By.id("task-stop"))).isEmpty();
    }

    private static void openShop() {
        browser.open("http://127.0.0.1:" + server.get().server().httpPort() + "/console/#/services/shop");
        WebElement token = browser.await(By.id("admin-token"));
        token.clear();
        token.sendKeys("admin");
    }

    private static WebElement frame(String name) {
        return browser.await(By.cssSelector("g.frame[data-name='" + name + "']"));
    }

    /** Rover's report when the policy's checker fires for the java process. */
    private static String trigger() {
        return Rover.triggerOnCpu(server.get(), "K8S_SERVICE", "shop", "shop-0", "java");
    }

    /** 7 samples in one stream as Rover sends them: main;work;hot 4 times, main;idle 3 times. */
    private static void upload(String task) throws Exception {
        Rover.uploadOnCpu(server.get(), task, JAVA, Map.of("main;work;hot", 4, "main;idle", 3));
    }
}

package io.groundstation.testing.harness;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's headless chromium driven through its own chromedriver, one per test class
 * ({@code @RegisterExtension static final Browser browser = new Browser();}). Both binaries are named explicitly,
 * so Selenium never looks for (or downloads) a browser. Without them the class is skipped with a message, unless
 * {@code -Dgroundstation.browser.required=true} (CI) makes that a failure. Screenshots, including one of every
 * failed test, go to {@code target/screenshots/}.
 */
public final class Browser implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, TestWatcher {

    public static final String REQUIRED_PROPERTY = "groundstation.browser.required";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    // An upper bound for a condition to become true, not an expectation of speed: CI machines are slow and shared.
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final String MISSING = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver)";

    private ChromeDriver driver;
    private Path profile;

    private static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Disabled (reported as skipped, with the reason) when the browser is missing and not required. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return installed() || Boolean.getBoolean(REQUIRED_PROPERTY)
                ? ConditionEvaluationResult.enabled("browser installed or required")
                : ConditionEvaluationResult.disabled("skipped: " + MISSING);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!installed()) {
            throw new AssertionError(MISSING + "; " + REQUIRED_PROPERTY + "=true");
        }
        profile = Files.createTempDirectory("groundstation-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,900", "--user-data-dir=" + profile);
        Files.createDirectories(Path.of("target"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toFile()).build();
        driver = new ChromeDriver(service, options);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            Directories.deleteTree(profile);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver != null) {
            screenshot("FAILED-" + context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName());
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits for a visible element. */
    public WebElement await(By locator) {
        return await(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Waits until the condition gives a value other than null or false, and returns it. */
    public <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /** Runs an async script: its last argument is the callback whose argument this returns. */
    public Object callAsync(String script, Object... args) {
        driver.manage().timeouts().scriptTimeout(WAIT);
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.paretune.controller.testing;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless chromium driven through its chromedriver: pages opened on the controller under test, screenshots
 * saved under target/screenshots, and every console message of severity SEVERE (a script error, a refused request,
 * a CSP violation) turned into a test failure.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final String base;

    private Browser(String base) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--hide-scrollbars", "--no-first-run", "--disable-extensions");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A browser on the controller at {@code base}; the test is skipped where chromium is not installed. */
    public static Browser open(String base) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed (./paretune setup test installs them)");
        return new Browser(base);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens the page at {@code hash} (#/..., the page's own addresses). */
    public void go(String hash) {
        driver.get(base + "/" + hash);
    }

    public void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Where the browser saves what the page downloads (created, and emptied of earlier files). */
    public Path downloadsTo(Path dir) {
        try {
            Path absolute = dir.toAbsolutePath();
            Files.createDirectories(absolute);
            try (var files = Files.list(absolute)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            driver.executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", absolute.toString()));
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser's prefers-color-scheme, as a user's setting would give it. */
    public void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    public <T> T await(ExpectedCondition<T> condition) {
        // The page redraws what changed every 2 s: an element found a moment ago may have been replaced.
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        return wait.until(condition);
    }

    public WebElement find(String css) {
        return await(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Clicks the element {@code css} names, finding it again if the page redrew it in between. */
    public void click(String css) {
        await(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    /** The text of the element {@code css} names, once it exists. */
    public String text(String css) {
        return await(d -> d.findElement(By.cssSelector(css)).getText());
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The whole page at the window's width, from its top, as target/screenshots/NAME.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            script("window.scrollTo(0, 0)");
            Number width = (Number) script("return document.documentElement.clientWidth");
            Number height = (Number) script("return document.documentElement.scrollHeight");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console messages of severity SEVERE since the last call, which they are taken from. */
    public List<String> takeConsoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** Fails on any console message of severity SEVERE since the last call. */
    public void assertNoConsoleErrors() {
        assertThat(takeConsoleErrors()).as("browser console errors").isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }

    static {
        // Selenium would otherwise look for a driver online (Selenium Manager); Debian's is named above.
        System.setProperty("webdriver.chrome.driver", new File(CHROMEDRIVER.toString()).getPath());
    }
}

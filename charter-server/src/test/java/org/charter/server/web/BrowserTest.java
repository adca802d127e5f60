package org.charter.server.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the browser tests: Debian's headless Chromium driven by Selenium through Debian's chromedriver (one
 * browser per test class, a fresh profile), against a {@link WebTestServer} started afresh for each test. .ci/run
 * installs the browser and sets CHARTER_REQUIRE_BROWSER, so that there a missing browser fails the build; on a machine
 * without it the browser tests are reported as skipped, with how to install it.
 */
@Tag("browser")
public abstract class BrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private static ChromeDriverService service;
    private static Path profile;
    protected static WebDriver browser;
    protected WebTestServer server;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            String why = "browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver"
                    + " (.ci/run installs them)";
            // CI (which sets CHARTER_REQUIRE_BROWSER) must run them; elsewhere they are reported as skipped, with the reason.
            if (System.getenv("CHARTER_REQUIRE_BROWSER") != null) throw new IllegalStateException(why);
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        profile = Files.createTempDirectory("charter-chromium-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1024,900", "--user-data-dir=" + profile);
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) browser.quit();
        browser = null;
        if (service != null) service.stop();
    }

    @BeforeEach
    void startServer() {
        server = startWebServer();
        browser.manage().deleteAllCookies();
    }

    /** The server for each test; override to change its settings. */
    protected WebTestServer startWebServer() {
        return WebTestServer.start();
    }

    @AfterEach
    void stopServer() {
        if (server != null) server.close();
    }

    /** Opens a path of the test server. */
    protected void open(String path) {
        browser.get(server.url(path));
    }

    /** Waits (up to 10 s) until an element is visible, and returns it. */
    protected WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the element's text contains {@code text}. */
    protected void waitForText(By by, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Logs in through the login form as an account the test made with {@link WebTestServer#account}. */
    protected void login(String name) {
        open("/login");
        waitFor(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(WebTestServer.PASSWORD);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        waitFor(By.cssSelector("header.site form[action='/logout']"));
    }
}

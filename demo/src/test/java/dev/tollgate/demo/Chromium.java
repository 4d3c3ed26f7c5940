package dev.tollgate.demo;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium through chromedriver, for the browser tests. Chromium and chromedriver come from
 * the system (the build installs them, or stops naming them); a test fails, never skips, when they are missing.
 */
final class Chromium {

    /** Headless, and quiet on the network: without these Chromium keeps calling home on a closed network. */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1600");

    static final Duration WAIT = Duration.ofSeconds(30);

    private Chromium() {
    }

    /** A new browser with its own profile in {@code profile}; quit it after the test. */
    static WebDriver open(Path profile) {
        ChromeOptions options = new ChromeOptions().setBinary(requireOnPath("chromium").toString())
                .addArguments(FLAGS).addArguments("--user-data-dir=" + profile);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(requireOnPath("chromedriver").toFile()).usingAnyFreePort().build();
        return new ChromeDriver(driver, options);
    }

    /** Signs in through the sample app's FORM login; single sign-on then carries it to {@code /payments}. */
    static void signIn(WebDriver browser, URI app, String user) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get(app.resolve("/account/").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("j_username"))).sendKeys(user);
        browser.findElement(By.name("j_password")).sendKeys(user);
        browser.findElement(By.name("j_password")).submit();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("nav .who"), "Signed in as " + user));
    }

    /** Opens a console page of the app and waits until its title is there. */
    static void openPage(WebDriver browser, URI app, String path) {
        browser.get(app.resolve(path).toString());
        await(browser, ExpectedConditions.presenceOfElementLocated(By.id("page-title")));
    }

    /** The text of the element with this id. */
    static String textOf(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Waits up to {@link #WAIT} for the condition, e.g. the page a click leads to. */
    static <T> T await(WebDriver browser, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).until(condition);
    }

    /** Writes what the browser shows as {@code name}.png into {@code folder}. */
    static Path screenshot(WebDriver browser, Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        return Files.copy(shot, folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The system's executable, or a failure naming its package: a browser test never passes by not running. */
    private static Path requireOnPath(String command) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(command + " is not on the PATH: install "
                + ("chromium".equals(command) ? "chromium" : "chromium-driver")
                + " (the build's require-browser step does so as root)");
    }
}

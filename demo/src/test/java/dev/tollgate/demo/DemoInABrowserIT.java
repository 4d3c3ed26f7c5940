package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo in a real browser (headless Chromium): a person buys each plan on the emulator's page, typing card,
 * expiry and CVC, and lands on a page that says what was bought and where to go; errors are short styled pages.
 * Chromium and chromedriver come from the system (the build installs them, or stops naming them); the test fails,
 * never skips, when they are missing.
 */
class DemoInABrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private static DemoServer demo;
    private WebDriver browser;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoServer.start(DemoOptions.defaults().onPorts(0, 0).withDataDir(dataDir));
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @BeforeEach
    void openBrowser(@TempDir Path profile) {
        browser = Chromium.open(profile);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void buyingProLandsOnAPageThatSaysSoAndLeadsIntoTheProArea() {
        signIn("alice");
        buy("subscribe-pro");

        assertEquals("You have Acme Notes Pro", text("welcome-title"));
        assertTrue(text("welcome-bought").contains("Pro subscription is active"), text("welcome-bought"));
        browser.findElement(By.id("go-next")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("pro-content")));
        assertTrue(browser.getCurrentUrl().endsWith("/pro/"), browser.getCurrentUrl());
    }

    @Test
    void buyingBasicLandsOnAPageThatSaysSoAndLeadsToTheAccount() {
        signIn("bob");
        buy("subscribe-basic");

        assertEquals("You have Acme Notes Basic", text("welcome-title"));
        assertTrue(text("welcome-bought").contains("Basic subscription is active"), text("welcome-bought"));
        browser.findElement(By.id("go-next")).click();
        await(ExpectedConditions.urlContains("/account/"));
        assertTrue(browser.getPageSource().contains("Plan: <b>basic</b>"), browser.getPageSource());
    }

    @Test
    void signingInTheAdminLandsOnThePaymentsConsoleAndAUserOnTheAccount() {
        for (String user : List.of("admin", "bob")) {
            browser.manage().deleteAllCookies();
            browser.get(demo.appUrl().resolve("/").toString());
            browser.findElement(By.id("sign-in")).click();
            await(ExpectedConditions.presenceOfElementLocated(By.name("j_username"))).sendKeys(user);
            browser.findElement(By.name("j_password")).sendKeys(user);
            browser.findElement(By.name("j_password")).submit();

            if ("admin".equals(user)) {
                await(ExpectedConditions.presenceOfElementLocated(By.id("page-title")));
                assertTrue(browser.getCurrentUrl().endsWith("/payments/admin/"), browser.getCurrentUrl());
                assertEquals("Overview", text("page-title"));
            } else {
                await(ExpectedConditions.urlContains("/account/"));
                assertTrue(browser.getPageSource().contains("Your account"), browser.getPageSource());
            }
        }
    }

    /**
     * The second sample app signs carol in itself; its Buy Pro form (a hand-off token and {@code return_to}) leads
     * through the emulator's checkout back to that app's account page, and Manage billing through the portal's
     * Return link back there too.
     */
    @Test
    void carolBuysProInTheOwnLoginAppAndEveryStripePageLeadsBackToIt() {
        browser.get(demo.ownLoginAppUrl().resolve("sign-in").toString());
        browser.findElement(By.name("user")).sendKeys("carol");
        browser.findElement(By.name("password")).sendKeys("carol");
        browser.findElement(By.id("sign-in-button")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("buy-pro"))).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("card_number")));
        typeCard(DemoServer.TEST_CARD, "12 / 34", "123");

        await(ExpectedConditions.textToBe(By.id("account-plan"), "pro"));
        assertTrue(browser.getCurrentUrl().endsWith("/own-login/account"), browser.getCurrentUrl());
        browser.get(demo.ownLoginAppUrl().resolve("pro/").toString());
        assertTrue(text("pro-content").contains("carol"), browser.getPageSource());

        browser.get(demo.ownLoginAppUrl().resolve("account").toString());
        browser.findElement(By.id("manage-billing")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("return"))).click();
        await(ExpectedConditions.urlToBe(demo.ownLoginAppUrl().resolve("account").toString()));
        assertEquals("pro", text("account-plan"));
    }

    @Test
    void aPastExpiryIsRefusedOnTheCheckoutPageWithItsReason() {
        signIn("admin");
        browser.get(demo.appUrl().resolve("/pricing").toString());
        browser.findElement(By.id("subscribe-basic")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("card_number")));
        typeCard("4242 4242 4242 4242", "01 / 20", "123");

        await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".error")));
        assertEquals("Your card's expiration date is in the past.",
                browser.findElement(By.cssSelector(".error")).getText());
    }

    @Test
    void errorPagesOfBothWebappsAreStyledAndShowNoStackTrace() {
        signIn("bob");
        for (String path : List.of("/no-such-page", "/payments/no-such-page", "/payments/admin/")) {
            browser.get(demo.appUrl().resolve(path).toString());
            WebElement title = await(ExpectedConditions.visibilityOfElementLocated(By.id("error-title")));
            assertFalse(title.getText().isBlank(), path);
            // The page's own style sheet is applied: not the browser's default serif.
            String font = browser.findElement(By.tagName("body")).getCssValue("font-family");
            assertTrue(font.contains("system-ui"), path + " uses its style sheet, font " + font);
            String page = browser.getPageSource();
            for (String leak : List.of("Exception", "at org.", "Apache Tomcat")) {
                assertFalse(page.contains(leak), path + " shows '" + leak + "'");
            }
        }
    }

    private void signIn(String user) {
        Chromium.signIn(browser, demo.appUrl(), user);
    }

    /** From pricing, through the emulator's checkout page with the test card, to the landing page. */
    private void buy(String planButton) {
        browser.get(demo.appUrl().resolve("/pricing").toString());
        assertEquals("29.00 USD", text("price-pro"), "the emulator's price, shown by the pricing page");
        browser.findElement(By.id(planButton)).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("card_number")));
        assertTrue(browser.getCurrentUrl().startsWith(demo.emulator().baseUrl()), browser.getCurrentUrl());
        typeCard(DemoServer.TEST_CARD, "12 / 34", "123");
        await(ExpectedConditions.presenceOfElementLocated(By.id("welcome-title")));
        assertTrue(browser.getCurrentUrl().endsWith("/welcome"), browser.getCurrentUrl());
    }

    private void typeCard(String number, String expiry, String code) {
        browser.findElement(By.id("card_number")).sendKeys(number);
        browser.findElement(By.id("exp")).sendKeys(expiry);
        browser.findElement(By.id("cvc")).sendKeys(code);
        browser.findElement(By.id("pay")).click();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private <T> T await(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).until(condition);
    }
}

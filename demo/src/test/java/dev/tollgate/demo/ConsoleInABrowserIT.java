package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.emulator.delivery.FaultPlan;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in headless Chromium on the demo: alice paid, but Stripe's webhooks to us were all dropped and
 * she never came back through the return page, so she has no access. The admin signs in, finds her, reads on "Why
 * no access?" that the event never came (point 1), resyncs her, and she is let in; an event's page lists its
 * attempts; a drift scan started from the Reconcile page shows its run's page, which reloads itself until the run
 * ends. The demo runs on PostgreSQL unless {@code -Dbrowser.database=h2} ({@link BrowserDatabase}). Every page is
 * photographed into {@code target/console-screenshots/} (the committed ones are in {@code docs/console/}). Over
 * plain HTTP: a user without the {@code payments-admin} role gets 403 on every page and action, and a POST without the page's
 * CSRF token changes nothing.
 */
class ConsoleInABrowserIT {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final List<String> PAGES = List.of("/payments/admin/", "/payments/admin/events",
            "/payments/admin/event?id=evt_1", "/payments/admin/customers?q=alice", "/payments/admin/customer?user=alice",
            "/payments/admin/customer/why?user=alice", "/payments/admin/reconcile", "/payments/admin/api/overview",
            "/payments/admin/api/events", "/payments/admin/api/customer?user=alice", "/payments/admin/api/reconcile");
    private static final Map<String, Map<String, String>> ACTIONS = Map.of(
            "/payments/admin/customer/resync", Map.of("user", "alice"),
            "/payments/admin/events/replay", Map.of("status", "failed"),
            "/payments/admin/reconcile/run", Map.of("job", "catch-up"),
            "/payments/admin/api/replay", Map.of("status", "failed"),
            "/payments/admin/api/reconcile/catch-up", Map.of());

    @TempDir
    static Path dataDir;

    private static DemoServer demo;
    private static Ledger ledger;
    private WebDriver browser;

    @BeforeAll
    static void aliceHasPaidButNoWebhookCame() throws Exception {
        demo = DemoServer.start(DemoOptions.defaults().onPorts(0, 0).withDataDir(dataDir)
                .withDatabase(BrowserDatabase.chosen(DemoDatabase.Kind.POSTGRESQL)));
        ledger = new Ledger(demo.dataSource());
        demo.emulator().webhookFaults(FaultPlan.seeded(17).dropping(1.0));
        Browser alice = new Browser(demo.appUrl());
        alice.signIn("alice", "alice");
        // She closes the tab instead of following Stripe back to the return page, which would sync her at once.
        alice.buyWithTestCard("price_pro_monthly", "/pricing");
        assertTrue(demo.emulator().awaitDeliveriesIdle(DELIVERY_TIMEOUT), "webhook deliveries finished");
        demo.emulator().webhookFaults(FaultPlan.NONE);
        alice.assertRedirect(alice.get("/pro/"), "/pricing");
        // bob pays with every webhook delivered, so the event log has something to show
        Browser bob = new Browser(demo.appUrl());
        bob.signIn("bob", "bob");
        bob.buyWithTestCard("price_basic_monthly", "/pricing");
        assertTrue(demo.emulator().awaitDeliveriesIdle(DELIVERY_TIMEOUT), "bob's webhook deliveries finished");
        assertFalse(ledger.webhookEvents().isEmpty(), "bob's events are logged");
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theAdminFindsWhyAlicePaidButHasNoAccessAndResyncsHerIn(@TempDir Path profile) throws Exception {
        browser = Chromium.open(profile);
        Chromium.signIn(browser, demo.appUrl(), "admin");

        open("/payments/admin/");
        assertTrue(text("stripe-mode").equals("test"), text("stripe-mode"));
        assertFalse(browser.findElements(By.cssSelector("#diagnosis .banner")).isEmpty(), "the diagnosis shows banners");
        assertEquals(48, browser.findElements(By.cssSelector("svg.chart rect.bar")).size(), "one bar per hour");
        Chromium.screenshot(browser, SCREENSHOTS, "overview");

        browser.findElement(By.linkText("Customers")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("customer-search")));
        browser.findElement(By.name("q")).sendKeys("ali");
        browser.findElement(By.id("customer-search")).submit();
        await(ExpectedConditions.presenceOfElementLocated(By.id("customers")));
        Chromium.screenshot(browser, SCREENSHOTS, "customers");
        browser.findElement(By.linkText("alice")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("resync")));
        assertEquals("no", text("access-now"), "alice has no access before the resync");
        assertTrue(text("stripe-subscriptions").contains("active"), "Stripe's side lists her active subscription");
        assertTrue(text("stripe-invoices").contains("paid"), "Stripe's side lists her paid invoice");
        assertTrue(text("stripe-payments").contains("ch_"), "Stripe's side lists her payment");
        assertTrue(text("entitlement-history").contains("No change recorded yet"), "nothing granted her access yet");
        Chromium.screenshot(browser, SCREENSHOTS, "customer");

        browser.findElement(By.id("why-link")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("check-1")));
        String pointOne = text("check-1");
        assertFalse(browser.findElements(By.cssSelector("#check-1 .verdict-problem")).isEmpty(), pointOne);
        assertTrue(pointOne.contains("no event about it reached this endpoint"), pointOne);
        assertTrue(pointOne.contains("Resync now"), "the fix is named: " + pointOne);
        Chromium.screenshot(browser, SCREENSHOTS, "why-no-access");

        long versionBefore = ledger.versionOf("alice");
        browser.findElement(By.id("resync")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("flash")));
        assertTrue(text("flash").contains("the entitlement changed"), text("flash"));
        assertEquals("yes", text("access-now"));
        assertTrue(ledger.versionOf("alice") > versionBefore, "the resync wrote a new version");
        String newest = browser.findElement(By.cssSelector("#entitlement-history tbody tr")).getText();
        assertTrue(newest.contains("console") && newest.contains("resync by admin") && newest.contains("yes"),
                "the history's newest row is the admin's resync, granting access: " + newest);
        Chromium.screenshot(browser, SCREENSHOTS, "customer-resynced");

        Browser alice = new Browser(demo.appUrl());
        alice.signIn("alice", "alice");
        HttpResponse<String> pro = alice.get("/pro/");
        assertEquals(200, pro.statusCode(), "alice is let into /pro/ after the resync");

        browser.findElement(By.linkText("Events")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("events")));
        Chromium.screenshot(browser, SCREENSHOTS, "events");
        browser.findElement(By.cssSelector("#events tbody a")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("payload")));
        assertTrue(text("payload").contains("\"id\": \"evt_"), "the payload is shown");
        assertFalse(browser.findElements(By.cssSelector("#attempts tbody tr")).isEmpty(), "its attempts are listed");
        Chromium.screenshot(browser, SCREENSHOTS, "event");
        browser.findElement(By.linkText("Reconcile")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("runs")));
        Chromium.screenshot(browser, SCREENSHOTS, "reconcile");

        browser.findElement(By.id("run-drift-dry")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("run-status")));
        assertTrue(text("flash").contains("started"), text("flash"));
        // the page reloads itself (a meta refresh, no script) until the run has ended
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(
                ExpectedConditions.presenceOfElementLocated(By.id("run-ended")));
        assertEquals("completed", text("run-status"));
        assertTrue(Long.parseLong(text("run-seen")) >= 2, "alice and bob compared: " + text("run-seen"));
        Chromium.screenshot(browser, SCREENSHOTS, "reconcile-run");
    }

    @Test
    void everyPageAndItsJsonAnswerTheAdmin() throws Exception {
        Browser admin = new Browser(demo.appUrl());
        admin.signIn("admin", "admin");
        String event = ledger.webhookEvents().get(0).eventId();
        List<String> pages = new java.util.ArrayList<>(PAGES.stream().map(page -> page.replace("evt_1", event)).toList());
        pages.addAll(List.of("/payments/admin/events?status=processed&type=invoice.paid&from=2026-01-01&offset=0",
                "/payments/admin/api/customer/why?user=alice", "/payments/admin/api/customers?q=cus_",
                "/payments/admin/api/event?id=" + event));
        org.junit.jupiter.api.Assertions.assertAll(pages.stream().map(page -> () -> {
            HttpResponse<String> answer = admin.get(page);
            assertEquals(200, answer.statusCode(), page + ": " + answer.body());
        }));
        assertEquals(400, admin.get("/payments/admin/events?from=yesterday").statusCode(), "a bad filter");
        assertEquals(404, admin.get("/payments/admin/customer?user=nobody").statusCode(), "an unknown user");
    }

    @Test
    void aUserWithoutTheAdminRoleIsRefusedEveryPageAndAction() throws Exception {
        Browser bob = new Browser(demo.appUrl());
        bob.signIn("bob", "bob");
        for (String page : PAGES) {
            assertEquals(403, bob.get(page).statusCode(), page);
        }
        assertEveryActionRefusedWithoutEffect(bob);
    }

    @Test
    void aPostWithoutTheTokenChangesNothing() throws Exception {
        Browser admin = new Browser(demo.appUrl());
        admin.signIn("admin", "admin");
        assertEquals(200, admin.get("/payments/admin/").statusCode(), "the admin reads the console");
        assertEveryActionRefusedWithoutEffect(admin);
    }

    /** Each console action posted without the page's token: 403, no reconcile run, alice's row untouched. */
    private static void assertEveryActionRefusedWithoutEffect(Browser who) throws Exception {
        long runs = count("reconcile_run");
        long versionOfAlice = ledger.versionOf("alice");
        for (Map.Entry<String, Map<String, String>> action : ACTIONS.entrySet()) {
            assertEquals(403, who.postForm(action.getKey(), action.getValue(), who.resolve("/payments/admin/"))
                    .statusCode(), action.getKey());
        }
        assertEquals(runs, count("reconcile_run"), "no reconcile run started");
        assertEquals(versionOfAlice, ledger.versionOf("alice"), "alice's entitlement unchanged");
    }

    private void open(String path) {
        Chromium.openPage(browser, demo.appUrl(), path);
    }

    private String text(String id) {
        return Chromium.textOf(browser, id);
    }

    private <T> T await(java.util.function.Function<WebDriver, T> condition) {
        return Chromium.await(browser, condition);
    }

    private static long count(String table) throws SQLException {
        try (Connection connection = demo.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's refunds and disputes pages in headless Chromium on the demo, beside {@link ConsoleInABrowserIT}:
 * bob and alice pay for Pro; the admin refunds part of bob's charge (his access stays), then another part with a
 * form posted twice (Stripe shows one refund for it), then the rest (bob loses /pro/ under the default policy, and
 * the page after it shows its message); alice's charge is
 * disputed and the disputes page says what losing it would do. The demo runs on H2 unless
 * {@code -Dbrowser.database=postgresql} ({@link BrowserDatabase}). Over plain HTTP: bad refunds are refused with nothing
 * refunded, bob gets 403 on the new pages and actions, and a POST without the CSRF token refunds nothing. Pages are
 * photographed into {@code target/console-screenshots/} (the committed ones are in {@code docs/console/}).
 */
class RefundsInABrowserIT {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Pattern CHARGE = Pattern.compile("ch_[A-Za-z0-9]+");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([A-Za-z_]+)\" value=\"([^\"]*)\">");

    private static DemoServer demo;
    /** The charges that paid for bob's and alice's Pro. */
    private static String bobsCharge;
    private static String alicesCharge;
    private WebDriver browser;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void bobAndAlicePayForPro() throws Exception {
        demo = DemoServer.start(DemoOptions.defaults().onPorts(0, 0).withDataDir(dataDir)
                .withDatabase(BrowserDatabase.chosen(DemoDatabase.Kind.H2)));
        for (String user : List.of("bob", "alice")) {
            Browser shopper = new Browser(demo.appUrl());
            shopper.signIn(user, user);
            shopper.buyWithTestCard("price_pro_monthly", "/pricing");
        }
        assertTrue(demo.emulator().awaitDeliveriesIdle(DELIVERY_TIMEOUT), "webhook deliveries finished");
        Browser admin = admin();
        bobsCharge = firstCharge(admin.get("/payments/admin/api/refunds?user=bob").body());
        alicesCharge = firstCharge(admin.get("/payments/admin/api/refunds?user=alice").body());
    }

    @AfterAll
    static void stopDemo() {
        java.util.Optional.ofNullable(demo).ifPresent(DemoServer::close);
    }

    /** A Chromium signed in as the admin, quit by {@link #quitBrowser} after each test. */
    private WebDriver adminInChromium(Path profile) {
        browser = Chromium.open(profile);
        Chromium.signIn(browser, demo.appUrl(), "admin");
        return browser;
    }

    @AfterEach
    void quitBrowser() {
        java.util.Optional.ofNullable(browser).ifPresent(WebDriver::quit);
    }

    @Test
    void partialRefundsKeepBobsAccessADoubleSubmittedOneRefundsOnceAndRefundingTheRestRevokesIt(@TempDir Path profile)
            throws Exception {
        Browser bob = new Browser(demo.appUrl());
        bob.signIn("bob", "bob");
        assertEquals(200, bob.get("/pro/").statusCode(), "bob paid for Pro");

        WebDriver browser = adminInChromium(profile);
        Chromium.openPage(browser, demo.appUrl(), "/payments/admin/customer?user=bob");
        browser.findElement(By.id("refunds-link")).click();
        Chromium.await(browser, ExpectedConditions.presenceOfElementLocated(By.id("payments")));
        WebElement form = browser.findElement(By.cssSelector("#payments form.refund-form"));
        WebElement amount = form.findElement(By.name("amount"));
        amount.clear();
        amount.sendKeys("5");
        Chromium.screenshot(browser, SCREENSHOTS, "refunds");
        form.findElement(By.tagName("button")).click();
        Chromium.await(browser, ExpectedConditions.presenceOfElementLocated(By.id("access-effect")));
        assertTrue(Chromium.textOf(browser, "access-effect").startsWith("Partial refund: access unchanged"), Chromium.textOf(browser, "access-effect"));
        Chromium.screenshot(browser, SCREENSHOTS, "refund-preview");
        browser.findElement(By.id("confirm-refund")).click();
        Chromium.await(browser, ExpectedConditions.presenceOfElementLocated(By.id("flash")));
        assertTrue(Chromium.textOf(browser, "flash").startsWith("Refunded 5.00 USD of " + bobsCharge), Chromium.textOf(browser, "flash"));
        assertEquals(List.of(500L), refundsOf(bobsCharge), "one refund of 5.00 at Stripe");
        assertTrue(demo.emulator().awaitDeliveriesIdle(DELIVERY_TIMEOUT), "the refund's events were delivered");
        assertEquals(200, bob.get("/pro/").statusCode(), "a partial refund leaves bob's access");

        // 4.00 more, from one rendered form posted twice: the second post carries the same idempotency key.
        Browser admin = admin();
        String preview = admin.get("/payments/admin/refund?user=bob&charge=" + bobsCharge
                + "&amount=4&reason=duplicate").body();
        assertTrue(preview.contains("Partial refund: access unchanged"), preview);
        Map<String, String> fields = hiddenFields(preview);
        for (int press = 0; press < 2; press++) {
            admin.assertRedirect(admin.postForm("/payments/admin/refunds/refund", fields,
                    admin.resolve("/payments/admin/refund")), "/payments/admin/refunds");
        }
        assertEquals(List.of(500L, 400L), refundsOf(bobsCharge), "the double-submitted refund was made once");

        // The rest in the browser, so the page after it shows its message.
        Chromium.openPage(browser, demo.appUrl(), "/payments/admin/refunds?user=bob");
        WebElement rest = browser.findElement(By.cssSelector("#payments form.refund-form"));
        rest.findElement(By.name("amount")).clear();
        rest.findElement(By.tagName("button")).click();
        Chromium.await(browser, ExpectedConditions.presenceOfElementLocated(By.id("access-effect")));
        assertEquals("Full refund during the current period: access ends now (PAYMENTS_REVOKE_ON_REFUND=true).",
                Chromium.textOf(browser, "access-effect"));
        browser.findElement(By.id("confirm-refund")).click();
        Chromium.await(browser, ExpectedConditions.presenceOfElementLocated(By.id("flash")));
        assertTrue(Chromium.textOf(browser, "flash").startsWith("Refunded 20.00 USD of " + bobsCharge),
                Chromium.textOf(browser, "flash"));
        assertEquals(List.of(500L, 400L, 2000L), refundsOf(bobsCharge), "the whole charge refunded, once");
        assertTrue(demo.emulator().awaitDeliveriesIdle(DELIVERY_TIMEOUT), "the refund's events were delivered");
        bob.assertRedirect(bob.get("/pro/"), "/pricing");
        assertTrue(Chromium.textOf(browser, "payments").contains("refunded"), Chromium.textOf(browser, "payments"));
        Chromium.screenshot(browser, SCREENSHOTS, "refunds-done");
    }

    @Test
    void theDisputesPageShowsAlicesOpenDisputeAndWhatLosingItWouldDo(@TempDir Path profile) throws Exception {
        String dispute = demo.emulator().disputeCharge(alicesCharge);
        assertTrue(demo.emulator().awaitDeliveriesIdle(DELIVERY_TIMEOUT), "the dispute's events were delivered");
        WebDriver browser = adminInChromium(profile);
        Chromium.openPage(browser, demo.appUrl(), "/payments/admin/");
        browser.findElement(By.linkText("Disputes")).click();
        Chromium.await(browser, ExpectedConditions.presenceOfElementLocated(By.id("disputes")));
        String row = browser.findElement(By.xpath("//table[@id='disputes']//tr[contains(., '" + dispute + "')]"))
                .getText();
        assertTrue(row.contains("alice") && row.contains("29.00 USD") && row.contains("needs_response")
                && row.contains("fraudulent"), row);
        assertTrue(row.contains("Open: if lost during the current period, access ends then"), row);
        Chromium.screenshot(browser, SCREENSHOTS, "disputes");
        String json = admin().get("/payments/admin/api/disputes").body();
        assertTrue(json.contains("\"id\":\"" + dispute + "\"") && json.contains("\"userId\":\"alice\""), json);
    }

    @Test
    void badRefundsAreRefusedAndRefundNothing() throws Exception {
        Browser admin = admin();
        List<Long> before = refundsOf(alicesCharge);
        String alices = "/payments/admin/refund?user=alice&reason=requested_by_customer&charge=" + alicesCharge;
        assertEquals(404, admin.get(alices.replace(alicesCharge, "ch_nosuchcharge")).statusCode(), "unknown charge");
        assertEquals(400, admin.get(alices + "&amount=" + encode("100000")).statusCode(), "more than refundable");
        assertEquals(400, admin.get(alices + "&amount=0").statusCode(), "nothing");
        assertEquals(400, admin.get(alices + "&amount=-1").statusCode(), "a negative amount");
        assertEquals(400, admin.get(alices + "&amount=five").statusCode(), "not a number");
        assertEquals(400, admin.get(alices.replace("requested_by_customer", "because")).statusCode(), "a bad reason");
        assertEquals(403, admin.get(alices.replace("user=alice", "user=bob")).statusCode(), "someone else's charge");
        assertEquals(404, admin.get(alices.replace("user=alice", "user=nobody")).statusCode(), "an unknown user");

        Map<String, String> fields = hiddenFields(admin.get(alices + "&amount=1").body());
        Map<String, String> noKey = new LinkedHashMap<>(fields);
        noKey.remove("idempotencyKey");
        assertEquals(400, post(admin, noKey), "no idempotency key");
        Map<String, String> tooMuch = new LinkedHashMap<>(fields);
        tooMuch.put("amount", "100000");
        assertEquals(400, post(admin, tooMuch), "more than the charge");
        Map<String, String> notHers = new LinkedHashMap<>(fields);
        notHers.put("user", "bob");
        assertEquals(403, post(admin, notHers), "someone else's charge");
        Map<String, String> noToken = new LinkedHashMap<>(fields);
        noToken.remove("_csrf");
        assertEquals(403, post(admin, noToken), "no CSRF token");
        assertEquals(before, refundsOf(alicesCharge), "nothing was refunded");
    }

    @Test
    void bobIsRefusedTheNewPagesAndActions() throws Exception {
        Browser bob = new Browser(demo.appUrl());
        bob.signIn("bob", "bob");
        for (String page : List.of("/payments/admin/refunds", "/payments/admin/refunds?user=bob",
                "/payments/admin/refund?user=bob&charge=" + bobsCharge + "&reason=duplicate", "/payments/admin/disputes",
                "/payments/admin/api/refunds?user=bob", "/payments/admin/api/disputes")) {
            assertEquals(403, bob.get(page).statusCode(), page);
        }
        List<Long> before = refundsOf(alicesCharge);
        assertEquals(403, bob.postForm("/payments/admin/refunds/refund", Map.of("user", "alice", "charge",
                alicesCharge, "amount", "100", "reason", "duplicate", "idempotencyKey",
                "tollgate-refund-00000000-0000-0000-0000-000000000000"), bob.resolve("/payments/admin/")).statusCode());
        assertEquals(before, refundsOf(alicesCharge), "nothing was refunded");
    }

    private static Browser admin() throws Exception {
        Browser admin = new Browser(demo.appUrl());
        admin.signIn("admin", "admin");
        return admin;
    }

    private static int post(Browser who, Map<String, String> fields) throws Exception {
        return who.postForm("/payments/admin/refunds/refund", fields, who.resolve("/payments/admin/refund"))
                .statusCode();
    }

    /** The amounts of the charge's refunds at Stripe (the emulator's refund.created events), oldest first. */
    private static List<Long> refundsOf(String charge) {
        return demo.emulator().events().stream()
                .filter(event -> "refund.created".equals(event.get("type").getAsString()))
                .map(event -> event.getAsJsonObject("data").getAsJsonObject("object"))
                .filter(refund -> charge.equals(refund.get("charge").getAsString()))
                .map(refund -> refund.get("amount").getAsLong()).toList();
    }

    private static String firstCharge(String json) {
        Matcher charge = CHARGE.matcher(json);
        assertTrue(charge.find(), json);
        return charge.group();
    }

    private static Map<String, String> hiddenFields(String page) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(page);
        while (hidden.find()) {
            fields.put(hidden.group(1), hidden.group(2));
        }
        assertTrue(fields.containsKey("idempotencyKey") && fields.containsKey("_csrf"), page);
        return fields;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

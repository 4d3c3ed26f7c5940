package dev.tollgate.gate.it;

import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.tollgate.gate.it.Browser.HTML;
import static dev.tollgate.gate.it.Browser.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built gate jar in a plain webapp on a real Tomcat, against entitlement rows in a real database; run once
 * per database by the subclasses ({@link GateOnH2IT}, {@link GateOnPostgresIT}). Each test uses its own user, so
 * the tests do not depend on each other's order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GateIT {

    /** The default bound ({@code PAYMENTS_STALENESS_MS} unset in the shop). */
    private static final Duration STALENESS = Duration.ofMillis(1000);

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override public void publish(LogRecord record) {
            logLines.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown().getMessage()));
        }
        @Override public void flush() { }
        @Override public void close() { }
    };

    private EntitlementRowsFixture rows;
    private ShopServer server;
    private Context brokenShop;
    private Context switchedOffShop;
    private Context shopWithoutDatabase;
    private Context shopWithGatedPricing;

    /** A new, empty database with the payments schema, for this class only. */
    abstract TestDatabase openDatabase(String name) throws SQLException;

    @BeforeAll
    void startShops() throws Exception {
        Logger.getLogger("").addHandler(logCapture);
        rows = new EntitlementRowsFixture(openDatabase("shop"));
        server = new ShopServer(rows.database(), "it-work-" + getClass().getSimpleName());
        Context shop = server.deployShop("/shop", Map.of());
        Context slowShop = server.deployShop("/slow-shop", Map.of("PAYMENTS_STALENESS_MS", "60000"));
        switchedOffShop = server.deployShop("/off-shop", Map.of("PAYMENTS_GATE_ENABLED", "false"));
        Context ownLoginShop = server.deployShop("/own-login-shop", Map.of(
                "PAYMENTS_USER_ATTRIBUTE", "shopUser",
                "PAYMENTS_JDBC_URL", rows.database().jdbcUrl(),
                "PAYMENTS_JDBC_USER", rows.database().user(),
                "PAYMENTS_DATASOURCE", "java:comp/env/jdbc/not-bound"));
        brokenShop = server.deployShop("/broken-shop", Map.of("PAYMENTS_PROTECT", "/pro/* = plan:pro; /vip/* = tier:gold"));
        shopWithoutDatabase = server.deployShop("/no-db-shop", Map.of("PAYMENTS_DATASOURCE", "java:comp/env/jdbc/not-bound"));
        shopWithGatedPricing = server.deployShop("/loop-shop", Map.of("PAYMENTS_PRICING_URL", "/pro/pricing"));
        server.start();
        for (Context good : List.of(shop, slowShop, switchedOffShop, ownLoginShop)) {
            assertTrue(ShopServer.isRunning(good), good.getPath() + " started");
        }
    }

    @AfterAll
    void stopShops() throws Exception {
        if (server != null) {
            server.close();
        }
        if (rows != null) {
            rows.close();
        }
        Logger.getLogger("").removeHandler(logCapture);
    }

    @Test
    void anonymousVisitorIsAskedToSignInByTheContainer() throws Exception {
        Browser anonymous = new Browser(server.baseUrl());

        HttpResponse<String> page = anonymous.get("/shop/pro/", HTML);
        assertEquals(401, page.statusCode());
        assertEquals("Basic realm=\"shop\"", page.headers().firstValue("WWW-Authenticate").orElse(null));

        HttpResponse<String> api = anonymous.get("/shop/pro/", JSON);
        assertEquals(401, api.statusCode());
        assertEquals("{\"error\":\"authentication_required\"}", api.body());

        assertEquals(401, anonymous.get("/shop/account/settings", HTML).statusCode());
        HttpResponse<String> pricing = anonymous.get("/shop/pricing.jsp", HTML);
        assertEquals(200, pricing.statusCode(), "paths without a rule are public");
        assertTrue(pricing.body().contains("Your plan: none"), pricing.body());
    }

    @Test
    void signedInUserWithoutARowIsSentToPricing() throws Exception {
        Browser bob = new Browser(server.baseUrl()).signedInAs("bob");

        HttpResponse<String> page = bob.get("/shop/pro/", HTML);
        assertEquals(303, page.statusCode());
        assertEquals("/shop/pricing", page.headers().firstValue("Location").orElse(null),
                "a relative pricing URL is a path in the gated webapp");
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));

        assertEquals(404, bob.get("/shop/account/settings", HTML).statusCode(),
                "'authenticated' lets any signed-in user through (to a page that does not exist)");
    }

    @Test
    void jsonClientWithoutTheRightGetsPaymentRequired() throws Exception {
        HttpResponse<String> api = new Browser(server.baseUrl()).signedInAs("bob").get("/shop/pro/", JSON);
        assertEquals(402, api.statusCode());
        assertEquals("application/json;charset=UTF-8", api.headers().firstValue("Content-Type").orElse(null));
        assertEquals("{\"error\":\"payment_required\",\"requirement\":\"plan:pro\",\"upgrade\":\"/shop/pricing\"}",
                api.body());
    }

    @Test
    void userWhoPaysWhileSignedInPassesOnTheVeryNextRequestInTheSameSession() throws Exception {
        Browser alice = new Browser(server.baseUrl()).signedInAs("alice");
        assertEquals(303, alice.get("/shop/pro/", HTML).statusCode());
        String session = alice.sessionId();
        assertNotNull(session, "the gate keeps alice's snapshot in her session");

        long version = rows.store("alice", "pro,basic", "courses", "active", 0, Instant.now().plus(Duration.ofDays(30)));

        HttpResponse<String> page = alice.get("/shop/pro/", HTML);
        assertEquals(200, page.statusCode(), "refusals re-read the row, so a fresh payment is never refused");
        assertTrue(page.body().contains("user=alice plan=pro version=" + version + " courses=true"), page.body());
        assertEquals(session, alice.sessionId(), "same session, no new login");
        assertFalse(page.headers().firstValue("Set-Cookie").isPresent());
        assertTrue(alice.get("/shop/pricing.jsp", HTML).body().contains("Your plan: pro"),
                "the snapshot is the request attribute 'entitlement' on public pages too");
    }

    @Test
    void revokedUserIsRefusedWithinTheStalenessBound() throws Exception {
        Browser dave = new Browser(server.baseUrl()).signedInAs("dave");
        rows.store("dave", "pro,basic", "", "active", 0, Instant.now().plus(Duration.ofDays(30)));
        assertEquals(200, dave.get("/shop/pro/", HTML).statusCode());
        String session = dave.sessionId();

        rows.store("dave", "pro,basic", "", "canceled", 0, Instant.now().minusSeconds(1));
        long committed = System.nanoTime();
        long deadline = committed + STALENESS.plusSeconds(5).toNanos();
        long lastAllowedStart = committed;
        long refusedStart;
        int status;
        while (true) {
            long start = System.nanoTime();
            status = dave.get("/shop/pro/", HTML).statusCode();
            if (status != 200 || start > deadline) {
                refusedStart = start;
                break;
            }
            lastAllowedStart = start;
        }
        Duration lastAllowed = Duration.ofNanos(lastAllowedStart - committed);
        System.out.println(rows.database().product() + " revoke: last request allowed started " + lastAllowed.toMillis() + " ms after the commit,"
                + " first refused started " + Duration.ofNanos(refusedStart - committed).toMillis() + " ms after it"
                + " (bound " + STALENESS.toMillis() + " ms)");

        assertEquals(303, status, "refused after the revoke");
        // The board entry was read before the commit, so it is stale by commit + bound at the latest: no request
        // that reaches the gate after that may pass. A request reaches the gate after it starts, hence this check
        // holds however slow the machine is.
        assertTrue(lastAllowed.compareTo(STALENESS) <= 0,
                "a request that started " + lastAllowed.toMillis() + " ms after the commit still passed");
        assertEquals(session, dave.sessionId(), "the running session was refused, not replaced");
    }

    @Test
    void creditsOpenMeteredPathsWithoutASubscription() throws Exception {
        Browser erin = new Browser(server.baseUrl()).signedInAs("erin");
        HttpResponse<String> refused = erin.get("/shop/api/reports/q3.jsp", JSON);
        assertEquals(402, refused.statusCode());
        assertTrue(refused.body().contains("\"requirement\":\"credits:1\""), refused.body());

        rows.store("erin", "", "", "none", 2, null);

        HttpResponse<String> report = erin.get("/shop/api/reports/q3.jsp", JSON);
        assertEquals(200, report.statusCode());
        assertEquals("{\"report\":\"q3\",\"credits\":1}", report.body().trim(), "the page sees the balance after its spend");
        assertEquals("{\"report\":\"q3\",\"credits\":0}", erin.get("/shop/api/reports/q3.jsp", JSON).body().trim());
        HttpResponse<String> spent = erin.get("/shop/api/reports/q3.jsp", JSON);
        assertEquals(402, spent.statusCode(), "two credits pay for two requests");
        assertTrue(spent.body().contains("\"requirement\":\"credits:1\""), spent.body());
        assertEquals(0, rows.credits("erin"));
    }

    @Test
    void aRetriedRequestWithItsIdempotencyKeyIsChargedOnce() throws Exception {
        Browser henry = new Browser(server.baseUrl()).signedInAs("henry");
        rows.store("henry", "", "", "none", 1, null);

        HttpResponse<String> first = henry.get("/shop/api/reports/q3.jsp", JSON, "Idempotency-Key", "q3-henry-1");
        HttpResponse<String> retry = henry.get("/shop/api/reports/q3.jsp", JSON, "Idempotency-Key", "q3-henry-1");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, retry.statusCode(), "the retry passes on the first charge: " + retry.body());
        assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(0, rows.credits("henry"), "charged once");

        HttpResponse<String> next = henry.get("/shop/api/reports/q3.jsp", JSON, "Idempotency-Key", "q3-henry-2");
        assertEquals(402, next.statusCode(), "a new key is a new spend: " + next.body());
        rows.store("henry", "", "", "none", 5, null);
        assertEquals(402, henry.get("/shop/api/reports/q3.jsp", JSON, "Idempotency-Key", "q3-henry-2").statusCode(),
                "its retry answers what it answered first");
        assertEquals(5, rows.credits("henry"));

        HttpResponse<String> malformed = henry.get("/shop/api/reports/q3.jsp", JSON, "Idempotency-Key", "k".repeat(256));
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertTrue(malformed.body().contains("invalid_idempotency_key"), malformed.body());
        assertEquals(5, rows.credits("henry"), "nothing taken");
    }

    @Test
    void theAppSpendsForItsOwnActionsThroughTheGateJarOncePerKey() throws Exception {
        Browser ivy = new Browser(server.baseUrl()).signedInAs("ivy");
        rows.store("ivy", "", "", "none", 7, null);

        assertEquals("{\"outcome\":\"CHARGED\",\"amount\":5,\"repeat\":false,\"balance\":2}",
                ivy.get("/shop/account/spend.jsp?key=export-1&amount=5", JSON).body().trim());
        assertEquals("{\"outcome\":\"CHARGED\",\"amount\":5,\"repeat\":true,\"balance\":2}",
                ivy.get("/shop/account/spend.jsp?key=export-1&amount=5", JSON).body().trim(), "charged once");
        assertEquals("{\"outcome\":\"INSUFFICIENT\",\"amount\":5,\"repeat\":false,\"balance\":2}",
                ivy.get("/shop/account/spend.jsp?key=export-2&amount=5", JSON).body().trim());
        rows.store("ivy", "", "", "none", 20, null);
        assertEquals("{\"outcome\":\"INSUFFICIENT\",\"amount\":5,\"repeat\":true,\"balance\":20}",
                ivy.get("/shop/account/spend.jsp?key=export-2&amount=5", JSON).body().trim(),
                "a repeat answers what the first spend answered");
    }

    @Test
    void publishedVersionTakesEffectAtOnceEvenUnderALongBound() throws Exception {
        Browser carol = new Browser(server.baseUrl()).signedInAs("carol");
        rows.store("carol", "pro,basic", "courses", "active", 0, Instant.now().plus(Duration.ofDays(30)));
        assertEquals(200, carol.get("/slow-shop/pro/", HTML).statusCode());

        long revoked = rows.store("carol", "", "", "canceled", 0, null);
        assertEquals(200, carol.get("/slow-shop/pro/", HTML).statusCode(),
                "within a 60 s bound the warm path trusts the board and reads nothing from the database");

        Browser paymentsSide = new Browser(server.baseUrl());
        assertEquals(200, paymentsSide.get("/slow-shop/publish.jsp?user=carol&version=" + revoked, HTML).statusCode());
        assertEquals(303, carol.get("/slow-shop/pro/", HTML).statusCode(), "the published version is seen at once");
    }

    @Test
    void switchedOffGateLetsEverythingThrough() throws Exception {
        assertEquals(200, new Browser(server.baseUrl()).get("/off-shop/pro/", HTML).statusCode());
        assertTrue(logLines.stream().anyMatch(line -> line.contains("gate inactive in /off-shop")), String.join("\n", logLines));
    }

    @Test
    void malformedRuleStopsTheWebappNamingTheRuleAndTheLegalForms() {
        assertFalse(ShopServer.isRunning(brokenShop));
        assertTrue(logLines.stream().anyMatch(line -> line.contains("'/vip/* = tier:gold'")
                        && line.contains("plan:<name>, feature:<key>, credits:<n>, spend:<unit>:<n>, authenticated, public")),
                String.join("\n", logLines));
    }

    @Test
    void appWithItsOwnLoginIsGatedThroughItsSessionAttributeAndAPlainJdbcUrl() throws Exception {
        Browser frank = new Browser(server.baseUrl());
        assertEquals(200, frank.get("/own-login-shop/own-sign-in.jsp?user=frank", HTML).statusCode());
        HttpResponse<String> refused = frank.get("/own-login-shop/pro/", HTML);
        assertEquals(303, refused.statusCode());
        assertEquals("/own-login-shop/pricing", refused.headers().firstValue("Location").orElse(null));

        rows.store("frank", "pro", "", "trialing", 0, Instant.now().plus(Duration.ofDays(14)));

        HttpResponse<String> page = frank.get("/own-login-shop/pro/", HTML);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("plan=pro"), page.body());
    }

    @Test
    void appWithItsOwnLoginDoesNotJudgeAUserOnlyTheContainerSignedIn() throws Exception {
        rows.store("grace", "pro", "", "active", 0, Instant.now().plus(Duration.ofDays(30)));
        Browser grace = new Browser(server.baseUrl()).signedInAs("grace");
        assertEquals(200, grace.get("/shop/pro/", HTML).statusCode(), "grace holds Pro where the container signs her in");

        HttpResponse<String> ownLogin = grace.get("/own-login-shop/pro/", HTML);
        assertEquals(401, ownLogin.statusCode(), "the own-login shop has not signed grace in: " + ownLogin.body());
    }

    @Test
    void missingDatabaseStopsTheWebappNamingBothSettings() {
        assertFalse(ShopServer.isRunning(shopWithoutDatabase));
        assertTrue(logLines.stream().anyMatch(line -> line.contains("'java:comp/env/jdbc/not-bound'")
                && line.contains("PAYMENTS_DATASOURCE") && line.contains("PAYMENTS_JDBC_URL")), String.join("\n", logLines));
    }

    @Test
    void pricingPageBehindAPaidRuleStopsTheWebappInsteadOfRedirectingInALoop() {
        assertFalse(ShopServer.isRunning(shopWithGatedPricing));
        assertTrue(logLines.stream().anyMatch(line -> line.contains("PAYMENTS_PRICING_URL '/pro/pricing'")
                && line.contains("/pro/*=plan:pro")), String.join("\n", logLines));
    }
}

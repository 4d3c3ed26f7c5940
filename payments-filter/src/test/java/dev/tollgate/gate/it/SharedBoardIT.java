package dev.tollgate.gate.it;

import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static dev.tollgate.gate.it.Browser.HTML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate jar shared by all webapps (Tomcat's {@code lib/}) instead of copied into each: the payments webapp's
 * {@code EntitlementBoard.publish} after its commit reaches the gated app's filter at once, whatever the bound.
 * Also where the app's {@code RenewalCheck} is proved: the shared jar lets the test implement its interface.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedBoardIT {

    private final List<String> renewalChecks = new CopyOnWriteArrayList<>();
    private final List<String> sharedRenewalChecks = new CopyOnWriteArrayList<>();
    private EntitlementRowsFixture rows;
    private ShopServer server;

    @BeforeAll
    void startShopAndPayments() throws Exception {
        rows = new EntitlementRowsFixture(new H2Database("shared-board-it"));
        server = new ShopServer(rows.database(), "shared-board-work");
        ClassLoader shared = server.shareGateJar();
        Context shop = server.deployShop("/shop", Map.of("PAYMENTS_STALENESS_MS", "3600000"));
        // Stands for the payments WAR: the same jar is visible to it, its gate switched off.
        Context otherShop = server.deployShop("/other-shop", Map.of());
        // Stands for the payments WAR: the same jar is visible to it, its gate switched off.
        Context payments = server.deployShop("/payments", Map.of("PAYMENTS_GATE_ENABLED", "false"));
        server.start();
        assertTrue(ShopServer.isRunning(shop) && ShopServer.isRunning(otherShop) && ShopServer.isRunning(payments));
        // The shop brings its own check; the other shop relies on the one the payments side shares.
        shop.getServletContext().setAttribute("dev.tollgate.gate.RenewalCheck",
                renewalCheck(shared, renewalChecks, "grace"));
        Class<?> registry = shared.loadClass("dev.tollgate.gate.SharedRenewalCheck");
        registry.getMethod("register", shared.loadClass("dev.tollgate.gate.RenewalCheck"))
                .invoke(null, renewalCheck(shared, sharedRenewalChecks, "henry"));
    }

    /**
     * Stands for the payments side's renewal check: it records in {@code asked} who was asked about and, for
     * {@code renewedUser}, finds the renewal that a lost webhook never reported and stores it, as a sync with
     * Stripe would. The interface is the shared jar's, which this test's class loader cannot see, hence a proxy.
     */
    private Object renewalCheck(ClassLoader shared, List<String> asked, String renewedUser)
            throws ClassNotFoundException {
        Class<?> checkType = shared.loadClass("dev.tollgate.gate.RenewalCheck");
        return Proxy.newProxyInstance(shared, new Class<?>[] {checkType}, (proxy, method, args) -> {
            if (!method.getName().equals("recheck")) {
                return method.getName().equals("equals") ? proxy == args[0] // identity, as the registry compares
                        : method.invoke(this, args); // hashCode/toString: any sane answer
            }
            String user = (String) args[0];
            asked.add(user);
            if (user.equals(renewedUser)) {
                rows.store(user, "pro,basic", "", "active", 0, Instant.now().plus(Duration.ofDays(30)));
            }
            return null;
        });
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        rows.close();
    }

    @Test
    void checkSharedByThePaymentsSideServesAppsWithoutTheirOwnAndAnAppsOwnCheckWins() throws Exception {
        rows.store("henry", "pro,basic", "", "active", 0, Instant.now().minusSeconds(5));
        rows.store("ivy", "pro,basic", "", "past_due", 0, Instant.now().minusSeconds(5));

        assertEquals(200, new Browser(server.baseUrl()).signedInAs("henry").get("/other-shop/pro/", HTML).statusCode(),
                "the shared check found henry's renewal");
        assertEquals(303, new Browser(server.baseUrl()).signedInAs("ivy").get("/shop/pro/", HTML).statusCode());

        assertEquals(List.of("henry"), sharedRenewalChecks, "asked only by the shop without a check of its own");
        assertTrue(renewalChecks.contains("ivy"), "the shop asked its own check");
    }

    @Test
    void sharedJarStillGatesThroughItsWebFragment() throws Exception {
        assertEquals(401, new Browser(server.baseUrl()).get("/shop/pro/", HTML).statusCode());
    }

    @Test
    void publishFromAnotherWebappIsEnforcedAtOnce() throws Exception {
        Browser alice = new Browser(server.baseUrl()).signedInAs("alice");
        rows.store("alice", "pro,basic", "", "active", 0, Instant.now().plus(Duration.ofDays(30)));
        assertEquals(200, alice.get("/shop/pro/", HTML).statusCode());

        long revoked = rows.store("alice", "", "", "canceled", 0, null);
        assertEquals(200, alice.get("/shop/pro/", HTML).statusCode(), "under a one-hour bound the board is trusted");

        assertEquals(200, new Browser(server.baseUrl())
                .get("/payments/publish.jsp?user=alice&version=" + revoked, HTML).statusCode());
        assertEquals(303, alice.get("/shop/pro/", HTML).statusCode(), "the other webapp's publish is seen at once");
    }

    @Test
    void lapsedSubscriptionIsRecheckedOnceBeforeRefusing() throws Exception {
        rows.store("grace", "pro,basic", "", "active", 0, Instant.now().minusSeconds(5));
        Browser grace = new Browser(server.baseUrl()).signedInAs("grace");

        assertEquals(200, grace.get("/shop/pro/", HTML).statusCode(), "the renewal found by the check lets her in");
        assertEquals(List.of("grace"), renewalChecks.stream().filter("grace"::equals).collect(Collectors.toList()));
    }

    @Test
    void renewalCheckIsNotAskedForEndedSubscriptionsAndAtMostOnceForAUser() throws Exception {
        rows.store("bob", "pro", "", "canceled", 0, Instant.now().minusSeconds(5));
        rows.store("dave", "pro", "", "active", 0, Instant.now().minusSeconds(5)); // the check finds nothing
        Browser bob = new Browser(server.baseUrl()).signedInAs("bob");
        Browser dave = new Browser(server.baseUrl()).signedInAs("dave");

        assertEquals(303, bob.get("/shop/pro/", HTML).statusCode());
        assertEquals(303, dave.get("/shop/pro/", HTML).statusCode());
        assertEquals(303, dave.get("/shop/pro/", HTML).statusCode());

        assertFalse(renewalChecks.contains("bob"), "a canceled subscription is not meant to renew");
        assertEquals(1, renewalChecks.stream().filter("dave"::equals).count(), "rate-limited per user");
    }
}

package dev.tollgate.gate.it;

import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.tollgate.gate.it.Browser.HTML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate jar shared by all webapps (Tomcat's {@code lib/}) instead of copied into each: the payments webapp's
 * {@code EntitlementBoard.publish} after its commit reaches the gated app's filter at once, whatever the bound.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedBoardIT {

    private EntitlementRowsFixture rows;
    private ShopServer server;

    @BeforeAll
    void startShopAndPayments() throws Exception {
        rows = new EntitlementRowsFixture(new H2Database("shared-board-it"));
        server = new ShopServer(rows.database(), "shared-board-work");
        server.shareGateJar();
        Context shop = server.deployShop("/shop", Map.of("PAYMENTS_STALENESS_MS", "3600000"));
        // Stands for the payments WAR: the same jar is visible to it, its gate switched off.
        Context payments = server.deployShop("/payments", Map.of("PAYMENTS_GATE_ENABLED", "false"));
        server.start();
        assertTrue(ShopServer.isRunning(shop) && ShopServer.isRunning(payments));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        rows.close();
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
}

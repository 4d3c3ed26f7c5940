package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.DemoOptions;
import dev.tollgate.gate.HandOff;
import dev.tollgate.gate.HandOff.Purpose;
import dev.tollgate.it.CapturedLog;
import dev.tollgate.it.Shopper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An app that signs its users in itself (no container security) names its user to checkout, return and portal with
 * a hand-off token signed with {@code PAYMENTS_HANDOFF_SECRET} ({@link HandOff}), through the unchanged WAR and the
 * emulator. No request here carries the container's sign-in: the token alone names the user. Forged, expired and
 * wrong-purpose tokens are a 403 with one log line, no Stripe call and nothing written. The subclasses pick the
 * database.
 */
abstract class HandOffScenarios extends CountedCallsScenarios {

    static final String SECRET = "it-handoff-secret-0123456789abcdef0123456789";
    private static final String CARD = "4242 4242 4242 4242";

    private final HandOff handOff = HandOff.withSecret(SECRET);

    @Override
    DemoOptions configure(DemoOptions options) {
        return super.configure(options).withSetting("PAYMENTS_HANDOFF_SECRET", SECRET);
    }

    /**
     * Checkout with a checkout token, paying on the emulator, the return page with the return token the WAR put in
     * Checkout's return address: the token's user is granted the plan, the gate lets them in, and a portal token
     * opens their portal.
     */
    @Test
    void aHandedOffUserChecksOutComesBackIsLetInAndOpensThePortal() throws Exception {
        String user = newStageUser("handoff");

        HttpResponse<String> started = post(stage.checkoutUrl(), "price=" + StripeEvents.PRO_PRICE,
                handOff.sign(user, Purpose.CHECKOUT, Instant.now()));
        assertEquals(303, started.statusCode(), started.body());
        URI returnPage = stage.pay(URI.create(started.headers().firstValue("Location").orElseThrow()), CARD);
        assertTrue(returnPage.getQuery().contains(HandOff.FIELD + "="), "a return token: " + returnPage);
        assertTrue(rows.linkedCustomer(user).isPresent(), "the customer is the token's user's");

        HttpResponse<String> back = stage.get(returnPage);

        assertEquals(303, back.statusCode(), back.body());
        assertEquals(stage.appUrl().resolve("/welcome").toString(), back.headers().firstValue("Location").orElse(""));
        assertTrue(rows.requireEntitlement(user).grantsAccessNow(), "granted to the token's user");
        assertEquals("let in", Shopper.signedIn(user, user, stage.appUrl()).gateDecisionOn(
                stage.appUrl().resolve("/pro/")));

        HttpResponse<String> portal = post(stage.portalUrl(), "", handOff.sign(user, Purpose.PORTAL, Instant.now()));
        assertEquals(303, portal.statusCode(), portal.body());
        assertTrue(portal.headers().firstValue("Location").orElse("").startsWith(
                stage.emulator().baseUrl() + "/portal/"), portal.headers().toString());
    }

    /**
     * A token signed with another secret, one past its five minutes, one signed for the portal, and one with its
     * user rewritten: each is 403 with one sentence and one log line, and neither Stripe nor the database is
     * touched (no customer, no Checkout Session).
     */
    @Test
    void forgedExpiredAndWrongPurposeTokensAre403AndCreateNothing() throws Exception {
        String user = newStageUser("handoff");
        String valid = handOff.sign(user, Purpose.CHECKOUT, Instant.now());
        String[] fields = valid.split("\\.");
        fields[1] = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("someone-else".getBytes(StandardCharsets.UTF_8));
        Map<String, String> refusedTokens = Map.of(
                "another secret", HandOff.withSecret(SECRET.toUpperCase()).sign(user, Purpose.CHECKOUT, Instant.now()),
                "expired", handOff.sign(user, Purpose.CHECKOUT, Instant.now().minus(Duration.ofMinutes(6))),
                "portal purpose", handOff.sign(user, Purpose.PORTAL, Instant.now()),
                "user rewritten", String.join(".", fields));
        stage.awaitDeliveries();
        Rows.Footprint before = rows.footprint();
        stage.emulator().resetApiRequestCounts();

        try (CapturedLog log = CapturedLog.start()) {
            for (Map.Entry<String, String> token : refusedTokens.entrySet()) {
                HttpResponse<String> refused = post(stage.checkoutUrl(), "price=" + StripeEvents.PRO_PRICE,
                        token.getValue());
                assertEquals(403, refused.statusCode(), token.getKey());
                assertEquals("This link has expired or is not valid here: go back to the app and try again.",
                        refused.body().strip(), token.getKey());
                assertFalse(refused.body().contains(token.getValue()), "the token is not echoed");
            }
            assertEquals(refusedTokens.size(), log.linesStartingWith(
                    "Refused a checkout with a hand-off token that is not valid with 403"), "one line each");
        }
        assertEquals(Map.of(), stage.emulator().apiRequestCounts(), "no Stripe call: no customer, no session");
        assertEquals(before, rows.footprint(), "nothing written");
        assertTrue(rows.linkedCustomer(user).isEmpty());
    }

    /**
     * A return token of another user on a paid return page is 403 "not yours", and one that does not verify is 403
     * before Stripe is asked; the buyer is granted nothing by either.
     */
    @Test
    void anotherUsersReturnTokenIs403AndGrantsNothing() throws Exception {
        String buyer = newStageUser("handoff");
        HttpResponse<String> started = post(stage.checkoutUrl(), "price=" + StripeEvents.PRO_PRICE,
                handOff.sign(buyer, Purpose.CHECKOUT, Instant.now()));
        stage.webhookDeliveries(false);
        try {
            URI returnPage = stage.pay(URI.create(started.headers().firstValue("Location").orElseThrow()), CARD);
            String sessionId = returnPage.getQuery().replaceFirst("^session_id=([^&]+).*$", "$1");
            URI page = stage.returnPageOf(sessionId);

            HttpResponse<String> stranger = stage.get(URI.create(page + "&" + HandOff.FIELD + "="
                    + handOff.sign(newStageUser("handoff"), Purpose.RETURN, Instant.now())));
            assertEquals(403, stranger.statusCode(), stranger.body());
            assertEquals("This checkout session is not yours.", stranger.body().strip());

            stage.emulator().resetApiRequestCounts();
            HttpResponse<String> checkoutToken = stage.get(URI.create(page + "&" + HandOff.FIELD + "="
                    + handOff.sign(buyer, Purpose.CHECKOUT, Instant.now())));
            assertEquals(403, checkoutToken.statusCode(), checkoutToken.body());
            assertEquals(Map.of(), stage.emulator().apiRequestCounts(), "refused before Stripe is asked");
            assertTrue(rows.entitlement(buyer).isEmpty(), "nothing granted");
        } finally {
            stage.webhookDeliveries(true);
        }
    }

    /** The app's form posted from the app's own origin, with the token and no container sign-in. */
    private HttpResponse<String> post(URI url, String fields, String token) throws Exception {
        URI app = stage.appUrl();
        String body = (fields.isEmpty() ? "" : fields + "&") + HandOff.FIELD + "="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("Origin", app.getScheme() + "://" + app.getAuthority())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.CapturedLog;
import dev.tollgate.it.Shopper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /billing/return?session_id=…}, where Checkout sends the buyer back, through the unchanged WAR and the
 * emulator: it grants access itself, with Stripe's webhook deliveries switched off, in one Stripe call (the session
 * with its subscription expanded); reloading it changes nothing; racing the webhook gives one change; someone
 * else's session and an unpaid one are refused with one sentence, one log line and nothing changed. The subclasses
 * pick the database.
 */
abstract class ReturnPageScenarios extends CountedCallsScenarios {

    private static final String CARD = "4242 4242 4242 4242";
    private static final int RELOADS = 5;
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    /** The one request the return page may send to Stripe: the Checkout Session, subscription expanded. */
    private static final Map<String, Long> ONE_SESSION_RETRIEVE = Map.of("GET /v1/checkout", 1L);

    /**
     * With the WAR's webhook endpoint disabled in Stripe, nothing but the return page can tell the WAR of the
     * payment: the buyer is let in on their next request, after one Stripe call. Reloads each answer the same 303
     * with one call and change nothing.
     */
    @Test
    void thePaidReturnGrantsAccessWithWebhooksSwitchedOffInOneStripeCall() throws Exception {
        String buyer = newStageUser("back");
        int deliveriesBefore = stage.emulator().deliveries().size();
        stage.webhookDeliveries(false);
        try {
            URI returnPage = stage.pay(stage.startCheckout(buyer, StripeEvents.PRO_PRICE), CARD);
            assertTrue(rows.entitlement(buyer).isEmpty(), "nothing reported before the return");

            stage.emulator().resetApiRequestCounts();
            HttpResponse<String> back = stage.loadReturnPage(returnPage, buyer);

            assertEquals(303, back.statusCode(), back.body());
            assertEquals(stage.appUrl().resolve("/welcome").toString(), back.headers().firstValue("Location")
                    .orElse(""), "on to PAYMENTS_SUCCESS_URL");
            assertEquals(ONE_SESSION_RETRIEVE, stage.emulator().apiRequestCounts(), "one Stripe call");
            Rows.Entitlement granted = rows.requireEntitlement(buyer);
            assertEquals("pro", granted.plan());
            assertTrue(granted.grantsAccessNow(), granted.toString());
            assertEquals("let in", gateDecisionFor(buyer), "the gate lets the buyer in");

            for (int reload = 0; reload < RELOADS; reload++) {
                stage.emulator().resetApiRequestCounts();
                HttpResponse<String> again = stage.loadReturnPage(returnPage, buyer);
                assertEquals(303, again.statusCode(), again.body());
                assertEquals(ONE_SESSION_RETRIEVE, stage.emulator().apiRequestCounts(), "reload " + reload);
            }
            assertEquals(granted, rows.requireEntitlement(buyer), "reloads change nothing");
            assertEquals(deliveriesBefore, stage.emulator().deliveries().size(), "no webhook was delivered");
        } finally {
            stage.webhookDeliveries(true);
        }
    }

    /**
     * Stripe's reports, held back until the buyer is back, are delivered while the buyer reloads the return page:
     * whichever comes first grants, and the entitlement changes exactly once (version 1), however they interleave.
     */
    @Test
    void theReturnPageRacingTheWebhookChangesTheEntitlementOnce() throws Exception {
        String buyer = newStageUser("back");
        WebhookStage.PaidUnreported paid = stage.payWithReportsHeld(buyer, StripeEvents.PRO_PRICE, CARD);
        String customer = paid.customerId();
        URI returnPage = paid.returnPage();

        CompletableFuture<List<String>> released = CompletableFuture.supplyAsync(
                () -> stage.emulator().releaseDeliveries(customer, false));
        List<CompletableFuture<HttpResponse<String>>> loads = new ArrayList<>();
        for (int load = 0; load < RELOADS; load++) {
            loads.add(http.sendAsync(returnPageRequest(returnPage, buyer, Map.of()),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> load : loads) {
            assertEquals(303, load.get().statusCode(), load.get().body());
        }
        List<String> reports = released.get();
        stage.awaitDeliveries();

        for (String eventId : reports) {
            Rows.WebhookEvent logged = rows.webhookEvent(eventId).orElseThrow(() -> new AssertionError(eventId));
            assertTrue(List.of("processed", "ignored").contains(logged.status()), eventId + ": " + logged);
        }
        Rows.Entitlement granted = rows.requireEntitlement(buyer);
        assertEquals("pro", granted.plan());
        assertTrue(granted.grantsAccessNow(), granted.toString());
        assertEquals(1, granted.version(), "one change, whoever applied it");
    }

    /**
     * A signed-in user who loads another buyer's return page — with no account of their own, or with one — is
     * refused with 403, one sentence and one log line, and nothing is written for anyone.
     */
    @Test
    void anotherUsersCheckoutIs403AndChangesNothing() throws Exception {
        String buyer = newStageUser("back");
        URI returnPage = stage.pay(stage.startCheckout(buyer, StripeEvents.PRO_PRICE), CARD);
        String withAccount = newStageUser("back");
        stage.startCheckout(withAccount, StripeEvents.PRO_PRICE);
        stage.awaitDeliveries(); // the payment's and the new customer's events, before the count
        Rows.Footprint before = rows.footprint();

        try (CapturedLog log = CapturedLog.start()) {
            for (String stranger : List.of(newStageUser("back"), withAccount)) {
                HttpResponse<String> refused = stage.loadReturnPage(returnPage, stranger);
                assertEquals(null, MalformedBodies.problemWith(refused, 403), stranger);
                assertEquals("This checkout session is not yours.", refused.body().strip());
                assertEquals(1, log.linesStartingWith("Refused the return of " + stranger + " from "
                        + WebhookStage.checkoutOf(returnPage) + " with 403"), "one log line");
            }
        }
        assertEquals(before, rows.footprint(), "nothing written");
    }

    /**
     * A buyer back from a Checkout they did not pay (the browser's back button, a link shared too early) is told
     * so, 409, as a styled page to a browser; nothing is granted or written.
     */
    @Test
    void anUnpaidCheckoutShowsAClearPageAndChangesNothing() throws Exception {
        String buyer = newStageUser("back");
        URI checkoutPage = stage.startCheckout(buyer, StripeEvents.PRO_PRICE);
        URI returnPage = stage.returnPageOf(checkoutPage.getPath().substring(checkoutPage.getPath().lastIndexOf('/')
                + 1));
        stage.awaitDeliveries(); // the new customer's event, before the count
        Rows.Footprint before = rows.footprint();

        try (CapturedLog log = CapturedLog.start()) {
            HttpResponse<String> plain = stage.loadReturnPage(returnPage, buyer);
            assertEquals(null, MalformedBodies.problemWith(plain, 409));
            assertEquals("This checkout has not been paid: nothing was charged, and your access is unchanged.",
                    plain.body().strip());
            HttpResponse<String> page = http.send(returnPageRequest(returnPage, buyer,
                    Map.of("Accept", BROWSER_ACCEPT)), HttpResponse.BodyHandlers.ofString());
            assertEquals(409, page.statusCode());
            assertTrue(page.body().contains("<h1 id=\"error-title\">Not paid yet</h1>")
                    && page.body().contains("nothing was charged"), page.body());
            assertEquals(2, log.linesStartingWith("Refused the return of " + buyer), "one log line each");
        }
        assertEquals(before, rows.footprint(), "nothing written");
        assertEquals("to pricing", gateDecisionFor(buyer));
    }

    private HttpRequest returnPageRequest(URI returnPage, String user, Map<String, String> headers) {
        HttpRequest.Builder get = HttpRequest.newBuilder(returnPage).timeout(Duration.ofSeconds(30))
                .header("Authorization", WebhookStage.basicAuthorization(user)).GET();
        headers.forEach(get::header);
        return get.build();
    }


    /** What the gate does with {@code user}'s request for the sample app's {@code /pro/} area, signed in afresh. */
    private String gateDecisionFor(String user) throws Exception {
        return Shopper.signedIn(user, user, stage.appUrl()).gateDecisionOn(stage.appUrl().resolve("/pro/"));
    }

}

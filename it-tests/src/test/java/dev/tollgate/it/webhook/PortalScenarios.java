package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Subscription;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.testhelpers.TestClockAdvanceParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import dev.tollgate.it.CapturedLog;
import dev.tollgate.it.Shopper;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /billing/portal} and what a user does in Stripe's customer portal, through the unchanged WAR, the
 * emulator's hosted portal page and its signed webhooks, with the sample app's gate watching: a plan switched in
 * the portal changes the tier the gate enforces, up and down, for a user who stays signed in; a cancellation keeps
 * access until the paid period ends in real time and not a second longer. The portal's door has the checkout
 * form's rules: signed in, same origin, and a clear page for a user with nothing to manage. The subclasses pick
 * the database.
 */
abstract class PortalScenarios extends CountedCallsScenarios {

    private static final String BASIC_PRICE = "price_basic_monthly";
    private static final String CARD = "4242 4242 4242 4242";
    /** Real time from the subscription to its period's end: enough for the portal steps on a loaded machine. */
    private static final Duration LEAD = Duration.ofSeconds(40);
    /** How long the gate may take to enforce a change made elsewhere: its staleness bound and a loaded machine. */
    private static final Duration GATE_CATCH_UP = Duration.ofSeconds(10);
    /** The gate's default PAYMENTS_RENEWAL_WAIT_MS, and what a loaded machine may add to a request. */
    private static final Duration DECISION_BOUND = Duration.ofSeconds(5);

    /**
     * A customer's "Manage billing" is a 303 to a portal session made for their customer in one Stripe call; the
     * portal lists their subscription and links back to the app.
     */
    @Test
    void aCustomerIsSentToTheirPortalWhichReturnsToTheApp() throws Exception {
        String user = newStageUser("portal");
        Subscriber subscriber = stage.subscribe(user, BASIC_PRICE, CARD, null);
        stage.emulator().resetApiRequestCounts();

        URI portal = stage.openPortal(user);

        assertTrue(portal.toString().startsWith(stage.emulator().baseUrl() + "/portal/"), portal.toString());
        assertEquals(Map.of("POST /v1/billing_portal", 1L), stage.emulator().apiRequestCounts());
        String page = stage.get(portal).body();
        assertTrue(page.contains("id=\"" + subscriber.subscriptionId() + "\""), page);
        assertTrue(page.contains("href=\"" + stage.appUrl().resolve("/welcome") + "\""), "back to the app: " + page);
    }

    /**
     * A user who never bought anything has no Stripe customer: one sentence (a styled page for a browser), one log
     * line, 409, and neither Stripe nor the database is touched. Another site's form, or a post with neither
     * {@code Origin} nor {@code Referer}, is 403 before anything is looked up.
     */
    @Test
    void aUserWithNothingToManageGetsAClearPageAndAForeignFormA403() throws Exception {
        String newcomer = newStageUser("portal");
        String customer = newStageUser("portal");
        stage.subscribe(customer, BASIC_PRICE, CARD, null);
        Rows.Footprint before = rows.footprint();
        stage.emulator().resetApiRequestCounts();
        try (CapturedLog log = CapturedLog.start()) {
            HttpResponse<String> nothing = http.send(stage.portalPost(newcomer), HttpResponse.BodyHandlers.ofString());
            assertEquals(null, MalformedBodies.problemWith(nothing, 409));
            assertEquals("There is nothing to manage yet: you have not bought anything here.", nothing.body().strip());
            HttpResponse<String> page = http.send(withHeaders(stage.portalPost(newcomer),
                    Map.of("Accept", "text/html,*/*;q=0.8")), HttpResponse.BodyHandlers.ofString());
            assertEquals(409, page.statusCode());
            assertTrue(page.body().contains("<h1 id=\"error-title\">Nothing to manage yet</h1>"), page.body());

            for (Map<String, String> foreign : List.of(Map.of("Origin", "https://evil.example"),
                    Map.of("Origin", "null", "Referer", "https://evil.example/account"))) {
                HttpResponse<String> refused = http.send(withHeaders(stage.portalPost(customer), foreign),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(null, MalformedBodies.problemWith(refused, 403), foreign.toString());
            }
            HttpResponse<String> fromNowhere = http.send(HttpRequest.newBuilder(stage.portalUrl())
                    .header("Authorization", WebhookStage.basicAuthorization(customer))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(null, MalformedBodies.problemWith(fromNowhere, 403));

            assertEquals(2, log.linesStartingWith("Refused a portal session of " + newcomer + " with 409"));
            assertEquals(3, log.linesStartingWith("Refused a portal session of " + customer + " with 403"));
        }
        assertEquals(Map.of(), stage.emulator().apiRequestCounts(), "Stripe was not asked");
        assertEquals(before, rows.footprint(), "nothing written");
    }

    /**
     * A Basic subscriber, signed in to the app and kept out of its Pro area, switches to Pro in the portal: Stripe's
     * {@code customer.subscription.updated} reaches the WAR and the same browser session is let in; switching back
     * to Basic shuts the Pro area again. One subscription throughout.
     */
    @Test
    void aPlanSwitchedInThePortalChangesTheTierTheGateEnforcesBothWays() throws Exception {
        String user = newStageUser("portal");
        Subscriber subscriber = stage.subscribe(user, BASIC_PRICE, CARD, null);
        Shopper browser = Shopper.signedIn(user, user, stage.appUrl());
        assertEquals("to pricing", proArea(browser), "Basic does not open the Pro area");

        URI portal = stage.openPortal(user);
        stage.inPortal(portal, subscriber.subscriptionId(), "switch", StripeEvents.PRO_PRICE);
        stage.awaitDeliveries();

        assertEquals("pro", rows.requireEntitlement(user).plan());
        assertEquals("let in", awaitGate(browser, "let in"), "the upgrade opens the Pro area");

        stage.inPortal(stage.openPortal(user), subscriber.subscriptionId(), "switch", BASIC_PRICE);
        stage.awaitDeliveries();

        assertEquals("basic", rows.requireEntitlement(user).plan());
        assertEquals("to pricing", awaitGate(browser, "to pricing"), "the downgrade closes it");
        assertEquals(1, stage.stripe().v1().subscriptions().list(com.stripe.param.SubscriptionListParams.builder()
                .setCustomer(subscriber.customerId()).setStatus(com.stripe.param.SubscriptionListParams.Status.ALL)
                .build()).getData().size(), "switched, never a second subscription");
    }

    /**
     * A Pro subscriber on a test clock started a month ago, so the paid period ends {@link #LEAD} from now in real
     * time, cancels in the portal: the entitlement then ends exactly at the period's end; the signed-in browser is
     * let in up to that second and refused from it on. Stripe's own end ({@code customer.subscription.deleted}, when
     * the clock passes the end) then finds nothing left to take.
     */
    @Test
    void aPortalCancellationKeepsAccessUntilThePeriodEndsAndNotASecondLonger() throws Exception {
        String user = newStageUser("portal");
        Instant endsAt = Instant.now().plus(LEAD);
        TestClock clock = stage.stripe().v1().testHelpers().testClocks().create(TestClockCreateParams.builder()
                .setFrozenTime(endsAt.atZone(ZoneOffset.UTC).minusMonths(1).toEpochSecond())
                .setName(user + " a month ago").build());
        Subscriber subscriber = stage.subscribe(user, StripeEvents.PRO_PRICE, CARD, clock.getId());
        Instant periodEnd = periodEnd(stage.stripe().v1().subscriptions().retrieve(subscriber.subscriptionId()));
        assertEquals(endsAt.getEpochSecond(), periodEnd.getEpochSecond(), "the period ends in real time");
        Shopper browser = Shopper.signedIn(user, user, stage.appUrl());
        assertEquals("let in", proArea(browser));

        stage.inPortal(stage.openPortal(user), subscriber.subscriptionId(), "cancel_at_period_end", null);
        stage.awaitDeliveries();

        Rows.Entitlement ending = rows.requireEntitlement(user);
        assertEquals("active", ending.status(), "paid up until the end");
        assertEquals(OffsetDateTime.ofInstant(periodEnd, ZoneOffset.UTC), ending.accessUntil()
                .withOffsetSameInstant(ZoneOffset.UTC), "access until the period's end, to the second");
        assertTrue(Instant.now().isBefore(periodEnd.minusSeconds(3)),
                "the portal steps took too long to watch the end: it was at " + periodEnd);

        List<String> fromTheEnd = decisionsAcross(browser, periodEnd);
        assertTrue(fromTheEnd.stream().allMatch("to pricing"::equals), "from " + periodEnd + " on: " + fromTheEnd);

        stage.stripe().v1().testHelpers().testClocks().advance(clock.getId(), TestClockAdvanceParams.builder()
                .setFrozenTime(periodEnd.plusSeconds(60).getEpochSecond()).build());
        stage.awaitDeliveries();
        assertEquals("canceled", rows.subscription(subscriber.subscriptionId()).status(), "Stripe's end arrived");
        assertEquals("to pricing", proArea(browser));
    }

    /**
     * Asks the gate for the Pro area again and again from now until a moment past {@code periodEnd} (each answer
     * an observation; the pace of a user clicking): every answer before the end must let in; the answers asked at
     * or after the end are returned. The first one after the end may take a renewal question's round trip, and
     * must come within {@link #DECISION_BOUND}.
     */
    private List<String> decisionsAcross(Shopper browser, Instant periodEnd) throws Exception {
        List<String> fromTheEnd = new ArrayList<>();
        Instant until = periodEnd.plusSeconds(2);
        while (true) {
            Instant asked = Instant.now();
            String decision = proArea(browser);
            Duration took = Duration.between(asked, Instant.now());
            if (asked.isBefore(periodEnd)) {
                assertEquals("let in", decision, "before the end, at " + asked);
            } else {
                fromTheEnd.add(decision);
                assertTrue(took.compareTo(DECISION_BOUND) < 0, "decided within the bound: " + took.toMillis() + " ms");
            }
            if (asked.isAfter(until)) {
                return fromTheEnd;
            }
            Thread.sleep(100);
        }
    }

    /** Asks until the gate answers {@code expected} for the Pro area, at most {@link #GATE_CATCH_UP}. */
    private String awaitGate(Shopper browser, String expected) throws Exception {
        Instant deadline = Instant.now().plus(GATE_CATCH_UP);
        String decision = proArea(browser);
        while (!expected.equals(decision) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100); // each loop observes the gate's answer
            decision = proArea(browser);
        }
        return decision;
    }

    private String proArea(Shopper browser) throws Exception {
        return browser.gateDecisionOn(stage.appUrl().resolve("/pro/"));
    }

    private static Instant periodEnd(Subscription subscription) {
        return Instant.ofEpochSecond(subscription.getItems().getData().get(0).getCurrentPeriodEnd());
    }

    private static HttpRequest withHeaders(HttpRequest request, Map<String, String> headers) {
        HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) -> !headers.containsKey(name));
        headers.forEach(copy::header);
        return copy.build();
    }


}

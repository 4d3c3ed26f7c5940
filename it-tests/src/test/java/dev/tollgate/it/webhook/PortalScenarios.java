package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.param.InvoiceListParams;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.testhelpers.TestClockAdvanceParams;
import dev.tollgate.it.CapturedLog;
import dev.tollgate.it.Shopper;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.net.URI;
import java.net.http.HttpRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
    /** The emulator's Pro price billed yearly, in the demo's catalog beside the monthly one. */
    private static final String YEARLY_PRICE = "price_pro_annual";
    private static final long BASIC_AMOUNT = 900;
    private static final long PRO_AMOUNT = 2900;
    private static final long YEARLY_AMOUNT = 29000;
    private static final String CARD = "4242 4242 4242 4242";
    /**
     * Real time from the subscription to its period's end: enough for the portal steps on a loaded machine (the time
     * left is printed; the test refuses to go on with less than 3 s).
     */
    private static final Duration LEAD = Duration.ofSeconds(12);
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
        assertEquals("let in", awaitProArea(browser, "let in"), "the upgrade opens the Pro area");

        stage.inPortal(stage.openPortal(user), subscriber.subscriptionId(), "switch", BASIC_PRICE);
        stage.awaitDeliveries();

        assertEquals("basic", rows.requireEntitlement(user).plan());
        assertEquals("to pricing", awaitProArea(browser, "to pricing"), "the downgrade closes it");
        assertEquals(1, stage.stripe().v1().subscriptions().list(com.stripe.param.SubscriptionListParams.builder()
                .setCustomer(subscriber.customerId()).setStatus(com.stripe.param.SubscriptionListParams.Status.ALL)
                .build()).getData().size(), "switched, never a second subscription");
    }

    /**
     * Prorations, as Stripe's portal makes them: a Pro subscriber on a test clock switches to Basic ten days into
     * the period and back to Pro five days later. The gate follows each switch; the renewal invoice, read back
     * through {@code GET /v1/invoices}, bills Pro's price plus the net of the four proration lines, each the
     * unused or remaining share of a price to the second, rounded to the cent; Pro's access runs on.
     */
    @Test
    void prorationsOfSwitchesOnTheClockReachTheRenewalInvoiceAndTheGateFollowsEachWay() throws Exception {
        OnAClock pro = proSubscriberOnAClock();
        String user = pro.user();
        Subscriber subscriber = pro.subscriber();
        TestClock clock = pro.clock();
        Instant start = pro.start();
        long periodStart = pro.periodStart();
        long periodEnd = pro.periodEnd();
        Shopper browser = pro.browser();
        assertEquals("let in", proArea(browser));

        long downgradeAt = advance(clock, start.plus(Duration.ofDays(10)));
        stage.inPortal(stage.openPortal(user), subscriber.subscriptionId(), "switch", BASIC_PRICE);
        stage.awaitDeliveries();
        assertEquals("basic", rows.requireEntitlement(user).plan());
        assertEquals("to pricing", awaitProArea(browser, "to pricing"), "the downgrade closes the Pro area");

        long upgradeAt = advance(clock, start.plus(Duration.ofDays(15)));
        stage.inPortal(stage.openPortal(user), subscriber.subscriptionId(), "switch", StripeEvents.PRO_PRICE);
        stage.awaitDeliveries();
        assertEquals("pro", rows.requireEntitlement(user).plan());
        assertEquals("let in", awaitProArea(browser, "let in"), "the upgrade opens it again");

        advance(clock, Instant.ofEpochSecond(periodEnd).plus(Duration.ofHours(1)));
        stage.awaitDeliveries();
        Invoice renewal = stage.stripe().v1().invoices().list(InvoiceListParams.builder()
                .setSubscription(subscriber.subscriptionId()).build()).getData().get(0);
        assertEquals("subscription_cycle", renewal.getBillingReason());
        long netProration = share(BASIC_AMOUNT, periodStart, periodEnd, downgradeAt)
                - share(PRO_AMOUNT, periodStart, periodEnd, downgradeAt)
                + share(PRO_AMOUNT, periodStart, periodEnd, upgradeAt)
                - share(BASIC_AMOUNT, periodStart, periodEnd, upgradeAt);
        List<Long> prorations = renewal.getLines().getData().stream()
                .filter(line -> line.getParent().getInvoiceItemDetails() != null
                        && line.getParent().getInvoiceItemDetails().getProration())
                .map(line -> line.getAmount()).toList();
        assertEquals(4, prorations.size(), "two lines per switch: " + prorations);
        assertEquals(netProration, prorations.stream().mapToLong(Long::longValue).sum());
        assertEquals(PRO_AMOUNT + netProration, renewal.getTotal(), "the new price plus the net proration");
        assertEquals("paid", renewal.getStatus());
        assertEquals(renewal.getTotal(), renewal.getAmountPaid());
        assertEquals("pro", rows.requireEntitlement(user).plan());
        assertEquals("let in", proArea(browser), "the renewed period grants Pro");
    }

    /**
     * A Pro subscriber switches from monthly to yearly in the portal ten days into the month: Stripe restarts the
     * billing cycle and invoices at once, the month's unused time credited. The gate keeps the plan and the
     * entitlement's end moves to a year from the switch.
     */
    @Test
    void aSwitchToTheYearlyPriceKeepsThePlanAndMovesThePeriodEndAYear() throws Exception {
        OnAClock pro = proSubscriberOnAClock();
        String user = pro.user();
        Subscriber subscriber = pro.subscriber();
        Shopper browser = pro.browser();

        long switchedAt = advance(pro.clock(), pro.start().plus(Duration.ofDays(10)));
        stage.inPortal(stage.openPortal(user), subscriber.subscriptionId(), "switch", YEARLY_PRICE);
        stage.awaitDeliveries();

        Subscription yearly = stage.stripe().v1().subscriptions().retrieve(subscriber.subscriptionId());
        long newEnd = Instant.ofEpochSecond(switchedAt).atZone(ZoneOffset.UTC).plusYears(1).toEpochSecond();
        assertEquals(newEnd, yearly.getItems().getData().get(0).getCurrentPeriodEnd(), "a year from the switch");
        Rows.Entitlement entitlement = rows.requireEntitlement(user);
        assertEquals("pro", entitlement.plan(), "the plan is kept");
        assertEquals(newEnd, entitlement.accessUntil().toEpochSecond(), "access until the new period's end");
        assertEquals("let in", proArea(browser));
        Invoice now = stage.stripe().v1().invoices().list(InvoiceListParams.builder()
                .setSubscription(subscriber.subscriptionId()).build()).getData().get(0);
        assertEquals("subscription_update", now.getBillingReason());
        assertEquals(YEARLY_AMOUNT - share(PRO_AMOUNT, pro.periodStart(), pro.periodEnd(), switchedAt),
                now.getAmountPaid(),
                "the year, less the month's unused time");
        assertEquals(1, stage.stripe().v1().subscriptions().list(com.stripe.param.SubscriptionListParams.builder()
                .setCustomer(subscriber.customerId()).setStatus(com.stripe.param.SubscriptionListParams.Status.ALL)
                .build()).getData().size(), "one subscription throughout");
    }

    /** A Pro subscriber whose test clock started now, the first period's bounds, and their signed-in browser. */
    private record OnAClock(String user, TestClock clock, Instant start, Subscriber subscriber, long periodStart,
                            long periodEnd, Shopper browser) {
    }

    private OnAClock proSubscriberOnAClock() throws Exception {
        String user = newStageUser("portal");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestClock clock = stage.testClockAt(start, user);
        Subscriber subscriber = stage.subscribe(user, StripeEvents.PRO_PRICE, CARD, clock.getId());
        SubscriptionItem item = stage.stripe().v1().subscriptions().retrieve(subscriber.subscriptionId()).getItems()
                .getData().get(0);
        return new OnAClock(user, clock, start, subscriber, item.getCurrentPeriodStart(), item.getCurrentPeriodEnd(),
                Shopper.signedIn(user, user, stage.appUrl()));
    }

    /** Moves the clock to {@code to} and waits for what it made Stripe send; the clock's new time. */
    private long advance(TestClock clock, Instant to) throws Exception {
        stage.stripe().v1().testHelpers().testClocks().advance(clock.getId(), TestClockAdvanceParams.builder()
                .setFrozenTime(to.getEpochSecond()).build());
        stage.awaitDeliveries();
        return to.getEpochSecond();
    }

    /**
     * One proration line's size: the share of {@code amount} (minor units) for the time from {@code at} to the
     * period's end, to the second, rounded half up to the minor unit, as Stripe's docs describe the computation.
     */
    private static long share(long amount, long periodStart, long periodEnd, long at) {
        return BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(periodEnd - at))
                .divide(BigDecimal.valueOf(periodEnd - periodStart), 0, RoundingMode.HALF_UP).longValueExact();
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
        TestClock clock = stage.testClockAMonthBefore(endsAt, user + " a month ago");
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
        System.out.println("Portal: " + Duration.between(Instant.now(), periodEnd).toMillis() + " ms of the "
                + LEAD.toSeconds() + " s lead left after checkout and the portal's cancellation");
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
     * an observation; the pace of a user clicking): every request answered before the end must have been let in;
     * the answers to requests asked at or after the end are returned. The first one after the end may take a renewal question's round trip, and
     * must come within {@link #DECISION_BOUND}.
     */
    private List<String> decisionsAcross(Shopper browser, Instant periodEnd) throws Exception {
        List<String> fromTheEnd = new ArrayList<>();
        Instant until = periodEnd.plusSeconds(2);
        while (true) {
            Instant asked = Instant.now();
            String decision = proArea(browser);
            Instant answered = Instant.now();
            Duration took = Duration.between(asked, answered);
            if (answered.isBefore(periodEnd)) {
                assertEquals("let in", decision, "before the end, asked at " + asked + ", answered at " + answered);
            } else if (!asked.isBefore(periodEnd)) {
                fromTheEnd.add(decision);
                assertTrue(took.compareTo(DECISION_BOUND) < 0, "decided within the bound: " + took.toMillis() + " ms");
            }
            // A request under way at the end itself was decided at some moment between asked and answered, on
            // either side of the end: both answers are right, so it is not judged.
            if (asked.isAfter(until)) {
                return fromTheEnd;
            }
            Thread.sleep(100);
        }
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

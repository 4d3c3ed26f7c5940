package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.stripe.model.Charge;
import com.stripe.model.checkout.Session;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.ChargeListParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.emulator.CheckoutForm;
import dev.tollgate.emulator.delivery.DeliveryStatus;
import dev.tollgate.it.Shopper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plans sold by a one-time price, bought the way a user buys them, through the unchanged WAR and the emulator: Pro
 * for life ({@code plan.lifetime.duration=forever}) and Pro for a year ({@code plan.year.duration=P365D}), both
 * including {@code pro}, which the sample app's {@code /pro/} area asks for. The return page grants at once with
 * Stripe's deliveries switched off; the webhook grants alone; twenty deliveries of one payment grant once; a
 * partial refund leaves the plan, a full one takes it back (and the console's preview says so first); a year bought
 * on a test clock a year ago ends when that year does. The subclasses pick the database.
 */
abstract class OneTimePlanScenarios extends StageScenarios {

    static final String LIFETIME_PRICE = "price_pro_lifetime";
    static final String YEAR_PRICE = "price_pro_year";
    static final String CARD = "4242 4242 4242 4242";
    static final String PAID_TYPE = "checkout.session.completed";
    /** What "for life" is stored as. */
    static final OffsetDateTime FOREVER = OffsetDateTime.parse("9999-12-31T23:59:59Z");
    /** How far ahead of now the test-clock year ends: time enough to buy it and watch it end. */
    static final Duration LEAD = Duration.ofSeconds(12);

    @Override
    DemoOptions configure(DemoOptions options) {
        // scheduled reconcile runs would race the drift scan a scenario asks for
        return WebhookStage.reconcilingOnlyWhenAsked(options).withSetting("PAYMENTS_PLANS", WebhookStage.writePlanFile("""
                plan.pro.prices=price_pro_monthly
                plan.lifetime.prices=price_pro_lifetime
                plan.lifetime.includes=pro
                plan.lifetime.duration=forever
                plan.year.prices=price_pro_year
                plan.year.includes=pro
                plan.year.duration=P365D
                """).toString());
    }

    @Test
    void theReturnPageGrantsALifetimePlanWithDeliveriesOffAnd20DeliveriesOfItsPaymentGrantNothingMore()
            throws Exception {
        String buyer = newStageUser("lifetime");
        stage.webhookDeliveries(false);
        URI returnPage;
        try {
            returnPage = stage.pay(stage.startCheckout(buyer, LIFETIME_PRICE), CARD);
            stage.emulator().resetApiRequestCounts();
            HttpResponse<String> back = stage.loadReturnPage(returnPage, buyer);
            assertEquals(303, back.statusCode(), back.body());
            assertEquals(Map.of("GET /v1/checkout", 1L), stage.emulator().apiRequestCounts(),
                    "one Stripe call: the session with its payment");
        } finally {
            stage.webhookDeliveries(true);
        }
        String checkout = WebhookStage.checkoutOf(returnPage);
        Rows.Entitlement granted = rows.requireEntitlement(buyer);
        assertEquals("lifetime", granted.plan());
        assertEquals("active", granted.status());
        assertEquals(FOREVER, granted.accessUntil().withOffsetSameInstant(ZoneOffset.UTC), "for life");
        assertEquals("let in", gateDecisionFor(buyer), "lifetime includes pro");
        assertEquals("active", rows.subscription(checkout).status(), "kept under its Checkout Session");

        String paidEvent = paidEventOf(checkout);
        stage.emulator().resetApiRequestCounts();
        for (int delivery = 0; delivery < 20; delivery++) {
            stage.resendEvent(paidEvent);
        }
        stage.awaitDeliveries();
        List<DeliveryStatus> deliveries = stage.emulator().deliveries().stream()
                .filter(delivery -> delivery.eventId().equals(paidEvent)).toList();
        assertEquals(20, deliveries.size(), deliveries.toString());
        for (DeliveryStatus delivery : deliveries) {
            assertEquals(200, delivery.lastStatusCode(), delivery.toString());
        }
        assertEquals("processed", rows.webhookEvent(paidEvent).orElseThrow().status());
        assertEquals(1, rows.webhookEventRows(paidEvent));
        assertEquals(granted, rows.requireEntitlement(buyer), "granted once: the version did not move");
        assertEquals(0L, stage.emulator().apiRequestCounts().getOrDefault("GET /v1/checkout", 0L),
                "a purchase kept already costs the webhook no Stripe call");

        // held for life: not sold again, and nothing is asked of Stripe
        stage.emulator().resetApiRequestCounts();
        HttpResponse<String> again = http.send(stage.checkoutPost(buyer, LIFETIME_PRICE),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("You hold this plan already"), again.body());
        assertEquals(Map.of(), stage.emulator().apiRequestCounts(), "no Checkout opened, no customer made");
        assertEquals(granted, rows.requireEntitlement(buyer), "nothing changed");
    }

    @Test
    void theWebhookAloneGrantsAYearAPartialRefundLeavesItAndAFullRefundTakesItBack() throws Exception {
        String buyer = newStageUser("year");
        URI returnPage = stage.pay(stage.startCheckout(buyer, YEAR_PRICE), CARD);
        stage.awaitDeliveries();
        String checkout = WebhookStage.checkoutOf(returnPage);
        assertEquals("processed", rows.webhookEvent(paidEventOf(checkout)).orElseThrow().status());
        Session session = stage.stripe().v1().checkout().sessions().retrieve(checkout);
        Charge charge = onlyCharge(session.getCustomer());
        Instant paidAt = Instant.ofEpochSecond(charge.getCreated());
        Rows.Entitlement granted = rows.requireEntitlement(buyer);
        assertEquals("year", granted.plan());
        assertEquals(paidAt.plus(Duration.ofDays(365)), granted.accessUntil().toInstant(), "a year from the payment");
        assertEquals("let in", gateDecisionFor(buyer));

        AdminApi admin = new AdminApi(stage.webhookUrl().resolve(".."), Duration.ofSeconds(30));
        assertEquals("unchanged", preview(admin, buyer, charge, "10").get("change").getAsString());
        JsonObject full = preview(admin, buyer, charge, "249");
        assertEquals("ends", full.get("change").getAsString(), full.toString());

        stage.stripe().v1().refunds().create(RefundCreateParams.builder().setCharge(charge.getId())
                .setAmount(1000L).build());
        stage.awaitDeliveries();
        Rows.Entitlement afterPartial = rows.requireEntitlement(buyer);
        assertEquals("year", afterPartial.plan(), "a partial refund leaves the plan: " + afterPartial);
        assertTrue(afterPartial.grantsAccessNow());
        assertEquals("let in", gateDecisionFor(buyer));

        stage.stripe().v1().refunds().create(RefundCreateParams.builder().setCharge(charge.getId()).build());
        stage.awaitDeliveries();
        Rows.Entitlement afterFull = rows.requireEntitlement(buyer);
        assertFalse(afterFull.grantsAccessNow(), "a full refund takes the year back: " + afterFull);
        assertEquals("to pricing", gateDecisionFor(buyer));
    }

    /**
     * A year bought by a customer on a test clock set a year (less {@link #LEAD}) back: the payment is dated by
     * that clock, so the year ends {@link #LEAD} from now in real time. The gate lets the buyer in up to that
     * second and refuses from it on.
     */
    @Test
    void aYearBoughtOnATestClockAYearAgoEndsOnTime() throws Exception {
        String buyer = newStageUser("clock");
        // Stripe dates the payment in whole seconds
        Instant endsAt = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
        TestClock clock = stage.stripe().v1().testHelpers().testClocks().create(TestClockCreateParams.builder()
                .setFrozenTime(endsAt.minus(Duration.ofDays(365)).getEpochSecond())
                .setName(buyer + " a year ago").build());
        URI returnPage = payOnClock(buyer, clock);
        HttpResponse<String> back = stage.loadReturnPage(returnPage, buyer);
        assertEquals(303, back.statusCode(), back.body());
        assertEquals(endsAt.getEpochSecond(), rows.requireEntitlement(buyer).accessUntil().toEpochSecond(),
                "a year from the test clock's payment");

        Shopper browser = Shopper.signedIn(buyer, buyer, stage.appUrl());
        Instant deadline = endsAt.plusSeconds(5);
        while (true) {
            Instant asked = Instant.now();
            String decision = browser.gateDecisionOn(stage.appUrl().resolve("/pro/"));
            if (asked.isBefore(endsAt.minusMillis(500))) {
                assertEquals("let in", decision, "before the end, at " + asked);
            } else if (!asked.isBefore(endsAt)) {
                assertEquals("to pricing", decision, "from the end on, at " + asked);
                break;
            }
            assertTrue(Instant.now().isBefore(deadline), "the year never ended");
            Thread.sleep(100); // the pace of a user clicking; each answer is an observation
        }
        assertFalse(rows.requireEntitlement(buyer).grantsAccessNow());
    }

    /**
     * A plan bought once lives in no Stripe subscription: the paid Checkout is Stripe's only record of it. Bought
     * with every report lost (deliveries off, the browser never back), it is granted by the drift scan, once, with
     * its audit row; the next scan finds it kept and takes nothing away.
     */
    @Test
    void aYearNoReportReachedIsGrantedOnceByTheDriftScanAndKeptByTheNext() throws Exception {
        String buyer = newStageUser("scan");
        stage.webhookDeliveries(false);
        URI returnPage;
        try {
            returnPage = stage.pay(stage.startCheckout(buyer, YEAR_PRICE), CARD);
        } finally {
            stage.webhookDeliveries(true);
        }
        String checkout = WebhookStage.checkoutOf(returnPage);
        assertFalse(rows.entitlement(buyer).map(Rows.Entitlement::grantsAccessNow).orElse(false));
        AdminApi admin = new AdminApi(stage.webhookUrl().resolve(".."), Duration.ofMinutes(2));

        JsonObject scan = admin.postOk("reconcile/drift-scan", "");
        assertEquals("completed", scan.getAsJsonObject("run").get("status").getAsString(), scan.toString());
        JsonObject fix = driftOf(scan, buyer).orElseThrow(() -> new AssertionError("no drift for " + buyer + ": "
                + scan));
        assertTrue(fix.get("reason").getAsString().contains("never granted"), fix.toString());
        assertTrue(fix.get("stripe").getAsString().contains(checkout), fix.toString());
        Rows.Entitlement granted = rows.requireEntitlement(buyer);
        assertEquals("year", granted.plan());
        assertEquals(granted.version(), fix.get("healedVersion").getAsLong(), fix.toString());
        assertEquals("let in", gateDecisionFor(buyer));

        JsonObject again = admin.postOk("reconcile/drift-scan", "");
        assertEquals("completed", again.getAsJsonObject("run").get("status").getAsString(), again.toString());
        assertTrue(driftOf(again, buyer).isEmpty(), "neither granted again nor taken as drift: " + again);
        assertEquals(granted, rows.requireEntitlement(buyer));
    }

    private static java.util.Optional<JsonObject> driftOf(JsonObject scan, String user) {
        return scan.getAsJsonArray("drift").asList().stream().map(each -> each.getAsJsonObject())
                .filter(each -> user.equals(each.get("userId").getAsString())).findFirst();
    }

    /**
     * What {@code POST /billing/checkout} opens for the year, opened here for a customer on {@code clock} (the WAR
     * makes customers without one), paid on the emulator's page: the WAR's return page for it.
     */
    private URI payOnClock(String buyer, TestClock clock) throws Exception {
        String customer = stage.stripe().v1().customers().create(CustomerCreateParams.builder()
                .setEmail(buyer + "@example.com").setTestClock(clock.getId()).build()).getId();
        rows.insertAccount(buyer, customer);
        Session session = stage.stripe().v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setCustomer(customer).setClientReferenceId(buyer)
                .putMetadata("tollgate_user", buyer).putMetadata("tollgate_plan", "year")
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(YEAR_PRICE).setQuantity(1L).build())
                .setSuccessUrl(stage.appUrl().toString()).setCancelUrl(stage.appUrl().toString()).build());
        HttpResponse<String> paid = CheckoutForm.pay(HttpClient.newHttpClient(), URI.create(session.getUrl()), CARD);
        assertEquals(303, paid.statusCode(), paid.body());
        return stage.returnPageOf(session.getId());
    }

    private JsonObject preview(AdminApi admin, String user, Charge charge, String amount) throws Exception {
        return admin.getOk("refund?user=" + user + "&charge=" + charge.getId() + "&amount=" + amount
                + "&reason=requested_by_customer");
    }

    private Charge onlyCharge(String customer) throws Exception {
        List<Charge> charges = stage.stripe().v1().charges().list(ChargeListParams.builder().setCustomer(customer)
                .build()).getData();
        assertEquals(1, charges.size(), charges.toString());
        return charges.get(0);
    }

    private String gateDecisionFor(String user) throws Exception {
        return Shopper.signedIn(user, user, stage.appUrl()).gateDecisionOn(stage.appUrl().resolve("/pro/"));
    }

    /** The emulator's {@code checkout.session.completed} of {@code checkout}: exactly one was recorded. */
    private String paidEventOf(String checkout) {
        List<String> ids = stage.emulator().events().stream()
                .filter(event -> PAID_TYPE.equals(event.get("type").getAsString()))
                .filter(event -> checkout.equals(event.getAsJsonObject("data").getAsJsonObject("object")
                        .get("id").getAsString()))
                .map(event -> event.get("id").getAsString()).toList();
        assertEquals(1, ids.size(), "events of " + checkout + ": " + ids);
        return ids.get(0);
    }
}

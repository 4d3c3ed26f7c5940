package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.Charge;
import com.stripe.model.Subscription;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.ChargeListParams;
import com.stripe.param.testhelpers.TestClockAdvanceParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries held back per customer and let go later (late renewal events, reports in reverse order), disputes
 * opened on any charge, and a test clock started in the past so that its period ends in real time.
 */
class WithheldDeliveriesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private WebhookReceiver receiver;
    private StripeEmulator emulator;
    private Shop shop;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
        emulator = StripeEmulator.builder().webhookEndpoint(receiver.url()).build().start();
        shop = new Shop(emulator);
    }

    @AfterEach
    void stop() {
        emulator.stop();
        receiver.close();
    }

    @Test
    void aClockStartedAMonthAgoGivesAPeriodThatEndsInRealTime() throws Exception {
        Instant endsAt = Instant.now().plusSeconds(60);
        TestClock clock = clockAt(endsAt.atZone(ZoneOffset.UTC).minusMonths(1).toEpochSecond());

        Subscription subscription = shop.subscribe("4242 4242 4242 4242", clock.getId());

        assertEquals(clock.getFrozenTime(), Shop.periodStart(subscription), "the period starts at the clock's time");
        assertEquals(endsAt.getEpochSecond(), Shop.periodEnd(subscription), "and ends a minute from now");
    }

    @Test
    void aWithheldRenewalIsRecordedButDeliveredOnlyWhenReleased() throws Exception {
        TestClock clock = clockAt(Instant.now().getEpochSecond());
        Subscription subscription = shop.subscribe("4242 4242 4242 4242", clock.getId());
        assertTrue(emulator.awaitDeliveriesIdle(WAIT));
        int deliveredBefore = receiver.received().size();

        emulator.withholdDeliveries(subscription.getCustomer());
        shop.stripe.v1().testHelpers().testClocks().advance(clock.getId(), TestClockAdvanceParams.builder()
                .setFrozenTime(Shop.periodEnd(subscription) + 3600).build());
        assertTrue(emulator.awaitDeliveriesIdle(WAIT), "held deliveries are not pending");
        List<String> whileHeld = typesAfter(deliveredBefore);
        assertEquals(List.of("test_helpers.test_clock.advancing", "test_helpers.test_clock.ready"), whileHeld,
                "only the clock's own events (no customer) went out");
        assertEquals("active", shop.reload(subscription).getStatus());
        assertTrue(Shop.periodEnd(shop.reload(subscription)) > Shop.periodEnd(subscription), "Stripe renewed");

        List<String> released = emulator.releaseDeliveries(subscription.getCustomer(), false);
        assertTrue(emulator.awaitDeliveriesIdle(WAIT));

        assertEquals(7, released.size(), "the renewal's seven events: " + released);
        assertEquals(List.of("customer.subscription.updated", "invoice.created", "invoice.finalized", "invoice.paid",
                "invoice.payment_succeeded", "payment_intent.succeeded", "charge.succeeded"),
                typesAfter(deliveredBefore + whileHeld.size()));
        assertEquals(List.of(), emulator.releaseDeliveries(subscription.getCustomer(), false),
                "nothing is held any more");
    }

    @Test
    void aDisputeOpenedAndLostWhileHeldIsDeliveredNewestFirst() throws Exception {
        Subscription subscription = shop.subscribe("4242 4242 4242 4242", null);
        String charge = onlyCharge(subscription.getCustomer());
        assertTrue(emulator.awaitDeliveriesIdle(WAIT));
        int deliveredBefore = receiver.received().size();

        emulator.withholdDeliveries(subscription.getCustomer());
        String dispute = emulator.disputeCharge(charge);
        emulator.resolveDispute(dispute, false);
        emulator.releaseDeliveries(subscription.getCustomer(), true);
        assertTrue(emulator.awaitDeliveriesIdle(WAIT));

        assertEquals(List.of("charge.dispute.closed", "charge.dispute.funds_withdrawn", "charge.dispute.created"),
                typesAfter(deliveredBefore));
        JsonObject closed = body(deliveredBefore);
        assertEquals(dispute, closed.getAsJsonObject("data").getAsJsonObject("object").get("id").getAsString());
        assertEquals("lost", closed.getAsJsonObject("data").getAsJsonObject("object").get("status").getAsString());
        assertTrue(shop.stripe.v1().charges().retrieve(charge).getDisputed());
        assertThrows(IllegalArgumentException.class, () -> emulator.disputeCharge(charge),
                "a charge is disputed once");
        assertThrows(IllegalArgumentException.class, () -> emulator.disputeCharge("ch_missing"));
    }

    private TestClock clockAt(long frozenTime) throws Exception {
        return shop.stripe.v1().testHelpers().testClocks().create(TestClockCreateParams.builder()
                .setFrozenTime(frozenTime).setName("withheld").build());
    }

    private String onlyCharge(String customer) throws Exception {
        List<Charge> charges = shop.stripe.v1().charges().list(ChargeListParams.builder().setCustomer(customer)
                .build()).getData();
        assertEquals(1, charges.size());
        return charges.get(0).getId();
    }

    private List<String> typesAfter(int delivered) {
        return receiver.received().subList(delivered, receiver.received().size()).stream()
                .map(delivery -> JsonParser.parseString(delivery.body()).getAsJsonObject().get("type").getAsString())
                .toList();
    }

    private JsonObject body(int index) {
        return JsonParser.parseString(receiver.received().get(index).body()).getAsJsonObject();
    }
}

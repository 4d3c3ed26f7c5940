package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.ChargeListParams;
import com.stripe.param.DisputeListParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import dev.tollgate.emulator.delivery.DeliveryStatus;
import dev.tollgate.emulator.delivery.FaultPlan;
import dev.tollgate.it.webhook.Rows.Entitlement;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Months of a subscription in seconds: the emulator's test clocks, cards, disputes, refunds and hostile delivery
 * drive the unchanged payments WAR, and the entitlement row must follow. Every change arrives only as the
 * emulator's own signed webhooks. The subclasses pick the database.
 */
abstract class EmulatorLifecycleScenarios extends StageScenarios {

    @Test
    void aRenewalInTheSecondMonthExtendsAccess() throws Exception {
        TestClock clock = newClock();
        Subscriber paid = stage.subscribeToPro(newUser(), "4242 4242 4242 4242", clock.getId());
        Entitlement first = rows.requireEntitlement(paid.user());
        assertEquals("active", first.status());

        advance(clock, Duration.ofDays(32));

        Entitlement renewed = rows.requireEntitlement(paid.user());
        assertEquals("active", renewed.status());
        assertTrue(renewed.accessUntil().isAfter(first.accessUntil().plusDays(25)),
                "access extended from " + first.accessUntil() + " to " + renewed.accessUntil());
        assertTrue(renewed.accessUntil().toEpochSecond() >= currentPeriodEnd(paid),
                "access runs to the renewed period's end");
        assertTrue(renewed.version() > first.version());
    }

    @Test
    void aRenewalCardThatFailsGivesGraceWhilePastDueThenLosesAccessWhenUnpaid() throws Exception {
        TestClock clock = newClock();
        Subscriber paid = stage.subscribeToPro(newUser(), "4242 4242 4242 4242", clock.getId());
        PaymentMethod failing = stage.stripe().v1().paymentMethods().attach("pm_card_chargeCustomerFail",
                PaymentMethodAttachParams.builder().setCustomer(paid.customerId()).build());
        stage.stripe().v1().subscriptions().update(paid.subscriptionId(),
                SubscriptionUpdateParams.builder().setDefaultPaymentMethod(failing.getId()).build());
        stage.awaitDeliveries();

        advance(clock, Duration.ofDays(31));

        Entitlement pastDue = rows.requireEntitlement(paid.user());
        assertEquals("past_due", pastDue.status());
        assertTrue(pastDue.grantsAccessNow(), "past_due is inside the grace period: " + pastDue);

        advance(clock, Duration.ofDays(20)); // past every retry of the renewal policy (3, 5, 7 days)

        Entitlement unpaid = rows.requireEntitlement(paid.user());
        assertEquals("unpaid", unpaid.status());
        assertFalse(unpaid.grantsAccessNow(), "unpaid means no access: " + unpaid);
    }

    @Test
    void aLostDisputeRevokesAccess() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser(), "4000 0000 0000 0259", null);
        String charge = onlyCharge(paid);
        List<Dispute> disputes = stage.stripe().v1().disputes()
                .list(DisputeListParams.builder().setCharge(charge).build()).getData();
        assertEquals(1, disputes.size(), "card 0259 opens a dispute on its charge");
        assertTrue(rows.requireEntitlement(paid.user()).grantsAccessNow(), "an open dispute is not yet lost");

        stage.emulator().resolveDispute(disputes.get(0).getId(), false);
        stage.awaitDeliveries();

        Entitlement revoked = rows.requireEntitlement(paid.user());
        assertFalse(revoked.grantsAccessNow(), "a lost dispute revokes: " + revoked);
    }

    @Test
    void aFullRefundRevokesAccess() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        assertTrue(rows.requireEntitlement(paid.user()).grantsAccessNow());

        stage.stripe().v1().refunds().create(RefundCreateParams.builder().setCharge(onlyCharge(paid)).build());
        stage.awaitDeliveries();

        Entitlement refunded = rows.requireEntitlement(paid.user());
        assertFalse(refunded.grantsAccessNow(), "a full refund revokes: " + refunded);
    }

    @Test
    void droppedDuplicatedAndReorderedDeliveriesFromAFixedSeedStillEndInStripesState() throws Exception {
        TestClock clock = newClock();
        stage.awaitDeliveries();
        int deliveriesBefore = stage.emulator().deliveries().size();
        stage.emulator().webhookFaults(FaultPlan.parse("seed=7,drop=0.25,duplicate=0.3,reorder=4"));
        Subscriber paid;
        try {
            paid = stage.subscribeToPro(newUser(), "4242 4242 4242 4242", clock.getId());
            advance(clock, Duration.ofDays(32));
        } finally {
            stage.emulator().webhookFaults(FaultPlan.NONE);
        }

        List<DeliveryStatus> faulted = stage.emulator().deliveries().subList(deliveriesBefore,
                stage.emulator().deliveries().size());
        assertTrue(faulted.stream().anyMatch(delivery -> delivery.state() == DeliveryStatus.State.FAILED),
                "the seed dropped some deliveries: " + faulted);
        for (DeliveryStatus delivered : faulted) {
            if (delivered.state() == DeliveryStatus.State.DELIVERED) {
                assertEquals(1, rows.webhookEventRows(delivered.eventId()), "one row per event, duplicates or not");
            }
        }
        Entitlement entitlement = rows.requireEntitlement(paid.user());
        assertEquals("active", entitlement.status());
        assertTrue(entitlement.accessUntil().toEpochSecond() >= currentPeriodEnd(paid),
                "access runs to the renewed period's end, " + Instant.ofEpochSecond(currentPeriodEnd(paid))
                        + ": " + entitlement);
        assertEquals("active", rows.subscription(paid.subscriptionId()).status());
    }

    private TestClock newClock() throws Exception {
        return stage.newTestClock();
    }

    private void advance(TestClock clock, Duration by) throws Exception {
        stage.advanceTestClock(clock, by);
    }

    private long currentPeriodEnd(Subscriber paid) throws Exception {
        return stage.stripe().v1().subscriptions().retrieve(paid.subscriptionId()).getItems().getData().stream()
                .map(SubscriptionItem::getCurrentPeriodEnd).max(Long::compare).orElseThrow();
    }

    private String onlyCharge(Subscriber paid) throws Exception {
        List<Charge> charges = stage.stripe().v1().charges()
                .list(ChargeListParams.builder().setCustomer(paid.customerId()).build()).getData();
        assertEquals(1, charges.size(), "one charge so far: " + charges);
        return charges.get(0).getId();
    }

    private static String newUser() {
        return "life_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}

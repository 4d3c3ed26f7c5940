package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Invoice;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Subscription;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PaymentMethodListParams;
import com.stripe.param.SubscriptionResumeParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.SubscriptionData.TrialSettings.EndBehavior.MissingPaymentMethod;
import com.stripe.param.entitlements.ActiveEntitlementListParams;
import com.stripe.param.testhelpers.TestClockAdvanceParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import dev.tollgate.emulator.billing.RenewalPolicy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Card 4000 0000 0000 0341 saves but never pays: Checkout with a trial accepts it (nothing is due today), and
 * the first charge, at the trial's end, fails — past_due, retried on the schedule, then unpaid or canceled.
 */
class FailedRenewalTest {
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final String CHARGES_FAIL = "4000 0000 0000 0341";

    private StripeEmulator emulator;
    private Shop shop;
    private TestClock clock;

    private void start(StripeEmulator.Builder builder) throws Exception {
        emulator = builder.build().start();
        shop = new Shop(emulator);
        clock = shop.stripe.v1().testHelpers().testClocks().create(
                TestClockCreateParams.builder().setFrozenTime(START.toEpochSecond()).build());
    }

    @AfterEach
    void stop() {
        emulator.stop();
    }

    private static UnaryOperator<SessionCreateParams.Builder> trial(long days) {
        return params -> params.setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                .setTrialPeriodDays(days).build());
    }

    private void advanceTo(ZonedDateTime time) throws Exception {
        shop.stripe.v1().testHelpers().testClocks().advance(clock.getId(),
                TestClockAdvanceParams.builder().setFrozenTime(time.toEpochSecond()).build());
    }

    @Test
    void card0341IsDeclinedWhenCheckoutChargesAtOnce() throws Exception {
        start(StripeEmulator.builder());
        var session = shop.proSession(shop.customer("a@example.com", clock.getId()), params -> params);

        var answer = shop.pay(session, CHARGES_FAIL);
        assertEquals(402, answer.statusCode());
        assertTrue(answer.body().contains("declined"), answer.body());
        assertEquals("open", shop.stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus());
    }

    @Test
    void card0341GoesPastDueThenUnpaidAfterTheRetries() throws Exception {
        start(StripeEmulator.builder());
        Subscription subscription = shop.subscribe(CHARGES_FAIL, clock.getId(), trial(7));
        assertEquals("trialing", subscription.getStatus());
        assertEquals(START.plusDays(7).toEpochSecond(), subscription.getTrialEnd());

        String before = shop.lastEventId();
        advanceTo(START.plusDays(5));
        assertEquals(List.of("test_helpers.test_clock.advancing", "customer.subscription.trial_will_end",
                "test_helpers.test_clock.ready"), shop.eventTypesAfter(before));

        before = shop.lastEventId();
        advanceTo(START.plusDays(7).plusHours(1));
        Subscription pastDue = shop.reload(subscription);
        assertEquals("past_due", pastDue.getStatus());
        assertEquals(List.of("test_helpers.test_clock.advancing", "customer.subscription.updated", "invoice.created",
                "invoice.finalized", "payment_intent.payment_failed", "charge.failed", "invoice.payment_failed",
                "customer.subscription.updated", "test_helpers.test_clock.ready"), shop.eventTypesAfter(before));
        Invoice failed = shop.stripe.v1().invoices().retrieve(pastDue.getLatestInvoice());
        assertEquals("open", failed.getStatus());
        assertEquals(1L, failed.getAttemptCount());
        assertEquals(START.plusDays(10).toEpochSecond(), failed.getNextPaymentAttempt(), "first retry 3 days on");

        advanceTo(START.plusDays(7 + 3 + 5).plusHours(1));
        assertEquals("past_due", shop.reload(subscription).getStatus());
        assertEquals(3L, shop.stripe.v1().invoices().retrieve(failed.getId()).getAttemptCount());

        advanceTo(START.plusDays(7 + 3 + 5 + 7).plusHours(1));
        Subscription unpaid = shop.reload(subscription);
        assertEquals("unpaid", unpaid.getStatus());
        Invoice last = shop.stripe.v1().invoices().retrieve(failed.getId());
        assertEquals(4L, last.getAttemptCount());
        assertNull(last.getNextPaymentAttempt());
        assertEquals(4, emulator.eventTypes().stream().filter("invoice.payment_failed"::equals).count());

        advanceTo(START.plusMonths(3));
        assertEquals("unpaid", shop.reload(subscription).getStatus(), "an unpaid subscription stays put");
    }

    @Test
    void theSettingCanCancelInsteadAfterTheLastRetry() throws Exception {
        start(StripeEmulator.builder().renewalPolicy(new RenewalPolicy(List.of(Duration.ofDays(1)), "canceled")));
        Subscription subscription = shop.subscribe(CHARGES_FAIL, clock.getId(), trial(3));

        advanceTo(START.plusDays(3).plusHours(1));
        assertEquals("past_due", shop.reload(subscription).getStatus());
        advanceTo(START.plusDays(4).plusHours(1));
        Subscription canceled = shop.reload(subscription);
        assertEquals("canceled", canceled.getStatus());
        assertEquals("payment_failed", canceled.getCancellationDetails().getReason());
        assertTrue(emulator.eventTypes().contains("customer.subscription.deleted"));
    }

    @Test
    void aTrialWithoutAPaymentMethodPausesWhenItEnds() throws Exception {
        start(StripeEmulator.builder());
        Subscription subscription = trialWithoutACard(14L, MissingPaymentMethod.PAUSE);
        assertEquals("trialing", subscription.getStatus());
        assertNull(subscription.getDefaultPaymentMethod());

        String before = shop.lastEventId();
        advanceTo(START.plusDays(15));
        assertEquals("paused", shop.reload(subscription).getStatus());
        assertEquals(List.of("test_helpers.test_clock.advancing", "customer.subscription.trial_will_end",
                "customer.subscription.updated", "customer.subscription.paused", "test_helpers.test_clock.ready"),
                shop.eventTypesAfter(before));
        // Stripe's known gap, emulated: the pause takes the entitlements without a summary event.
        assertTrue(shop.stripe.v1().entitlements().activeEntitlements().list(ActiveEntitlementListParams.builder()
                .setCustomer(subscription.getCustomer()).build()).getData().isEmpty());
        switchCard(subscription, "pm_card_visa");
        before = shop.lastEventId();
        Subscription resumed = shop.stripe.v1().subscriptions().resume(subscription.getId(),
                SubscriptionResumeParams.builder()
                        .setBillingCycleAnchor(SubscriptionResumeParams.BillingCycleAnchor.NOW).build());
        assertEquals("active", resumed.getStatus());
        assertEquals(START.plusDays(15).toEpochSecond(), Shop.periodStart(resumed),
                "a new period from the clock's now");
        // The pause took the entitlements silently (as on Stripe); resuming brings them back with a summary.
        assertEquals(List.of("customer.subscription.updated", "entitlements.active_entitlement_summary.updated",
                "customer.subscription.resumed", "invoice.created",
                "invoice.finalized", "invoice.paid", "invoice.payment_succeeded", "payment_intent.succeeded",
                "charge.succeeded"), shop.eventTypesAfter(before));
    }

    @Test
    void aTrialWithoutAPaymentMethodThatInvoicesGoesPastDue() throws Exception {
        start(StripeEmulator.builder());
        Subscription subscription = shop.subscribe("", clock.getId(), params -> params
                .setPaymentMethodCollection(SessionCreateParams.PaymentMethodCollection.IF_REQUIRED)
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().setTrialPeriodDays(7L).build()));

        advanceTo(START.plusDays(7).plusHours(1));
        Subscription pastDue = shop.reload(subscription);
        assertEquals("past_due", pastDue.getStatus());
        Invoice open = shop.stripe.v1().invoices().retrieve(pastDue.getLatestInvoice());
        assertEquals("open", open.getStatus());
        assertEquals(2900L, open.getAmountDue());
    }

    /**
     * A trial begun without a card whose customer adds one in the portal: a card that cannot be saved or a past
     * expiry shows the portal again with Stripe's message (402) and changes nothing; a good card becomes the
     * customer's and the subscription's default, so the trial's end charges it and the subscription is active.
     */
    @Test
    void aCardAddedInThePortalDuringATrialWithoutOnePaysWhenTheTrialEnds() throws Exception {
        start(StripeEmulator.builder());
        Subscription subscription = trialWithoutACard(7L, MissingPaymentMethod.CANCEL);
        assertNull(subscription.getDefaultPaymentMethod());
        String portal = shop.stripe.v1().billingPortal().sessions().create(
                com.stripe.param.billingportal.SessionCreateParams.builder()
                        .setCustomer(subscription.getCustomer()).build()).getUrl();
        assertTrue(shop.browser.get(portal).body().contains("Add a payment method"));

        HttpResponse<String> declined = shop.browser.submit(portal + "/payment_methods",
                Map.of("card_number", "4000 0000 0000 0002", "exp", "12 / 34", "cvc", "123"));
        assertEquals(402, declined.statusCode());
        assertTrue(declined.body().contains("Your card was declined."), declined.body());
        HttpResponse<String> expired = shop.browser.submit(portal + "/payment_methods",
                Map.of("card_number", "4242 4242 4242 4242", "exp", "01 / 20", "cvc", "123"));
        assertEquals(402, expired.statusCode());
        assertTrue(expired.body().contains("expiration date is in the past."), expired.body());
        assertTrue(shop.stripe.v1().paymentMethods().list(PaymentMethodListParams.builder()
                .setCustomer(subscription.getCustomer()).build()).getData().isEmpty(), "nothing saved");

        HttpResponse<String> added = shop.browser.submit(portal + "/payment_methods",
                Map.of("card_number", "4242 4242 4242 4242", "exp", "12 / 34", "cvc", "123"));
        assertEquals(303, added.statusCode(), added.body());
        PaymentMethod card = shop.stripe.v1().paymentMethods().list(PaymentMethodListParams.builder()
                .setCustomer(subscription.getCustomer()).build()).getData().get(0);
        assertEquals("4242", card.getCard().getLast4());
        assertEquals(card.getId(), shop.reload(subscription).getDefaultPaymentMethod());
        assertEquals(card.getId(), shop.stripe.v1().customers().retrieve(subscription.getCustomer())
                .getInvoiceSettings().getDefaultPaymentMethod());
        assertEquals("trialing", shop.reload(subscription).getStatus());

        advanceTo(START.plusDays(7).plusHours(1));
        Subscription converted = shop.reload(subscription);
        assertEquals("active", converted.getStatus(), "the trial converts instead of being canceled");
        Invoice first = shop.stripe.v1().invoices().retrieve(converted.getLatestInvoice());
        assertEquals("paid", first.getStatus());
        assertEquals(2900L, first.getAmountPaid());
    }

    @Test
    void aTrialCanEndOnAGivenDate() throws Exception {
        start(StripeEmulator.builder());
        long end = START.plusDays(10).toEpochSecond();
        Subscription subscription = shop.subscribe("4242424242424242", clock.getId(), params -> params
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().setTrialEnd(end).build()));
        assertEquals(end, subscription.getTrialEnd());
        assertEquals(end, Shop.periodEnd(subscription));

        String customer = shop.customer("b@example.com", clock.getId());
        InvalidRequestException tooSoon = assertThrows(InvalidRequestException.class, () -> shop.proSession(customer,
                params -> params.setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .setTrialEnd(START.plusDays(1).toEpochSecond()).build())));
        assertEquals("subscription_data[trial_end]", tooSoon.getParam());
    }

    /** A trial of {@code days} begun on the clock without a card, ending per {@code missing} without one. */
    private Subscription trialWithoutACard(long days, MissingPaymentMethod missing) throws Exception {
        return shop.subscribe("", clock.getId(), params -> params
                .setPaymentMethodCollection(SessionCreateParams.PaymentMethodCollection.IF_REQUIRED)
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().setTrialPeriodDays(days)
                        .setTrialSettings(SessionCreateParams.SubscriptionData.TrialSettings.builder()
                                .setEndBehavior(SessionCreateParams.SubscriptionData.TrialSettings.EndBehavior
                                        .builder().setMissingPaymentMethod(missing).build())
                                .build())
                        .build()));
    }

    private String switchCard(Subscription subscription, String testPaymentMethod) throws Exception {
        PaymentMethod method = shop.stripe.v1().paymentMethods().attach(testPaymentMethod,
                PaymentMethodAttachParams.builder().setCustomer(subscription.getCustomer()).build());
        shop.stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .setDefaultPaymentMethod(method.getId()).build());
        return method.getId();
    }

    @Test
    void aCardThatStartsFailingMakesTheRenewalPastDueAndANewCardPaysTheRetry() throws Exception {
        start(StripeEmulator.builder());
        Subscription subscription = shop.subscribe("4242424242424242", clock.getId());
        String failing = switchCard(subscription, "pm_card_chargeCustomerFail");
        assertEquals("0341", shop.stripe.v1().paymentMethods().retrieve(failing).getCard().getLast4());

        advanceTo(START.plusMonths(1).plusHours(1));
        Subscription pastDue = shop.reload(subscription);
        assertEquals("past_due", pastDue.getStatus());
        assertEquals(START.plusMonths(2).toEpochSecond(), Shop.periodEnd(pastDue), "the period moved on anyway");

        switchCard(subscription, "pm_card_visa");
        advanceTo(START.plusMonths(1).plusDays(3).plusHours(2));
        Subscription recovered = shop.reload(subscription);
        assertEquals("active", recovered.getStatus());
        assertEquals("paid", shop.stripe.v1().invoices().retrieve(recovered.getLatestInvoice()).getStatus());
    }

    @Test
    void aDecliningTestPaymentMethodCannotBeAttached() throws Exception {
        start(StripeEmulator.builder());
        String customer = shop.customer("a@example.com", null);
        assertThrows(CardException.class, () -> shop.stripe.v1().paymentMethods().attach("pm_card_chargeDeclined",
                PaymentMethodAttachParams.builder().setCustomer(customer).build()));
    }

    @Test
    void aTrialWithAGoodCardBecomesActiveAndPaysAtItsEnd() throws Exception {
        start(StripeEmulator.builder());
        Subscription subscription = shop.subscribe("4242424242424242", clock.getId(), trial(7));

        advanceTo(START.plusDays(7).plusHours(1));
        Subscription active = shop.reload(subscription);
        assertEquals("active", active.getStatus());
        assertEquals(START.plusDays(7).toEpochSecond(), Shop.periodStart(active));
        assertEquals("paid", shop.stripe.v1().invoices().retrieve(active.getLatestInvoice()).getStatus());
    }
}

package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Invoice;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import dev.tollgate.emulator.billing.DelayedSettlements;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The delayed-notification method: Checkout completes unpaid, the bank answers once the clock passes the delay; a
 * subscription paid so is active meanwhile, and the answer pays its first invoice or makes it past_due.
 */
class DelayedPaymentTest extends EmulatorTest {

    private static final String SUCCEEDS = "DE89370400440532013000";
    private static final String FAILS = "DE62370400440532013001";

    @Test
    void aDebitThatSucceedsCompletesUnpaidThenTurnsPaidWhenTheClockPassesTheDelay() throws Exception {
        Session session = paid(SUCCEEDS);
        assertEquals("complete", session.getStatus());
        assertEquals("unpaid", session.getPaymentStatus());
        assertEquals("processing", intentOf(session).getStatus());
        assertFalse(emulator.eventTypes().contains("checkout.session.async_payment_succeeded"));

        emulator.advance(Duration.ofSeconds(DelayedSettlements.DELAY_SECONDS - 10));
        assertEquals("unpaid", retrieve(session).getPaymentStatus(), "not before the delay");
        emulator.advance(Duration.ofSeconds(20));

        Session settled = retrieve(session);
        assertEquals("paid", settled.getPaymentStatus());
        assertEquals("succeeded", intentOf(settled).getStatus());
        List<String> types = emulator.eventTypes();
        assertTrue(types.contains("checkout.session.async_payment_succeeded"), types.toString());
        assertFalse(types.contains("checkout.session.async_payment_failed"), types.toString());
    }

    @Test
    void aDebitTheBankRefusesStaysUnpaidWithTheBanksReason() throws Exception {
        Session session = paid(FAILS);
        emulator.advance(Duration.ofSeconds(DelayedSettlements.DELAY_SECONDS + 1));

        Session settled = retrieve(session);
        assertEquals("complete", settled.getStatus());
        assertEquals("unpaid", settled.getPaymentStatus());
        PaymentIntent intent = intentOf(settled);
        assertEquals("requires_payment_method", intent.getStatus());
        assertTrue(intent.getLastPaymentError().getMessage().contains("insufficient funds"),
                intent.getLastPaymentError().getMessage());
        assertTrue(emulator.eventTypes().contains("checkout.session.async_payment_failed"));
    }

    @Test
    void aSubscriptionPaidByDebitIsActiveAtOnceAndItsFirstInvoicePaidWhenTheBankSaysYes() throws Exception {
        Session session = subscribedBy(SUCCEEDS);
        assertEquals("complete", session.getStatus());
        assertEquals("unpaid", session.getPaymentStatus());
        Subscription subscription = shop.stripe.v1().subscriptions().retrieve(session.getSubscription());
        assertEquals("active", subscription.getStatus(), "active while the debit is processing, as on Stripe");
        Invoice first = shop.stripe.v1().invoices().retrieve(subscription.getLatestInvoice());
        assertEquals("open", first.getStatus());
        assertEquals("subscription_create", first.getBillingReason());
        assertTrue(emulator.eventTypes().containsAll(List.of("customer.subscription.created",
                "payment_intent.processing", "charge.pending", "checkout.session.completed")));
        assertFalse(emulator.eventTypes().contains("invoice.paid"));

        emulator.advance(Duration.ofSeconds(DelayedSettlements.DELAY_SECONDS + 1));

        assertEquals("paid", shop.stripe.v1().invoices().retrieve(first.getId()).getStatus());
        assertEquals("paid", retrieve(session).getPaymentStatus());
        assertEquals("active", shop.reload(subscription).getStatus());
        List<String> types = emulator.eventTypes();
        assertEquals(List.of("payment_intent.succeeded", "charge.succeeded", "invoice.paid",
                "invoice.payment_succeeded", "checkout.session.async_payment_succeeded"),
                types.subList(types.size() - 5, types.size()));

        emulator.advance(Duration.ofDays(31));
        Subscription renewed = shop.reload(subscription);
        assertEquals("active", renewed.getStatus(), "the debit pays renewals too");
        assertEquals("paid", shop.stripe.v1().invoices().retrieve(renewed.getLatestInvoice()).getStatus());
    }

    @Test
    void aSubscriptionWhoseFirstDebitTheBankRefusesTurnsPastDueWithItsInvoiceFailed() throws Exception {
        Session session = subscribedBy(FAILS);
        Subscription subscription = shop.stripe.v1().subscriptions().retrieve(session.getSubscription());
        assertEquals("active", subscription.getStatus());

        emulator.advance(Duration.ofSeconds(DelayedSettlements.DELAY_SECONDS + 1));

        Subscription refused = shop.reload(subscription);
        assertEquals("past_due", refused.getStatus());
        Invoice first = shop.stripe.v1().invoices().retrieve(refused.getLatestInvoice());
        assertEquals("open", first.getStatus());
        assertEquals(1L, first.getAttemptCount());
        assertTrue(first.getNextPaymentAttempt() > 0, "retried as a renewal is");
        assertEquals("unpaid", retrieve(session).getPaymentStatus());
        List<String> types = emulator.eventTypes();
        assertEquals(List.of("payment_intent.payment_failed", "charge.failed", "invoice.payment_failed",
                "customer.subscription.updated", "checkout.session.async_payment_failed"),
                types.subList(types.size() - 5, types.size()));
    }

    @Test
    void aTrialCannotBePaidByDebitHere() throws Exception {
        Session session = shop.proSession(shop.customer("a@example.com", null), params -> params
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().setTrialPeriodDays(7L).build()));
        HttpResponse<String> refused = shop.pay(session, SUCCEEDS);
        assertEquals(402, refused.statusCode());
        assertTrue(refused.body().contains("without a trial only"), refused.body());
    }

    private Session subscribedBy(String method) throws Exception {
        Session session = shop.proSession(shop.customer("a@example.com", null), params -> params);
        HttpResponse<String> answer = shop.pay(session, method);
        assertEquals(303, answer.statusCode(), answer.body());
        return retrieve(session);
    }

    private Session paid(String method) throws Exception {
        Session session = shop.stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setCustomer(shop.customer("a@example.com", null))
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice("price_credits_100").setQuantity(1L)
                        .build())
                .setSuccessUrl("https://app.example/done").setCancelUrl("https://app.example/").build());
        HttpResponse<String> answer = shop.pay(session, method);
        assertEquals(303, answer.statusCode(), answer.body());
        return retrieve(session);
    }

    private Session retrieve(Session session) throws Exception {
        return shop.stripe.v1().checkout().sessions().retrieve(session.getId(),
                SessionRetrieveParams.builder().addExpand("payment_intent").build());
    }

    private static PaymentIntent intentOf(Session session) {
        return session.getPaymentIntentObject();
    }
}

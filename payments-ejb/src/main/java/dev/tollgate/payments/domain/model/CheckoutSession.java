package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A Stripe Checkout Session, in our words.
 *
 * @param status open, complete or expired
 * @param paymentStatus paid, unpaid or no_payment_required
 * @param subscriptionId the subscription it created (subscription mode), or null
 * @param credits credits it sells (payment mode, from the metadata we set when creating it), 0 for none
 * @param subscription the state of the subscription it created, as of the moment the session was fetched, when
 *                     Stripe sent it along (expanded); null otherwise
 * @param planBought the plan it sells once (payment mode, from the metadata we set when creating it), or null
 * @param payment its one-time payment (payment mode), when Stripe sent the PaymentIntent along (expanded); null
 *                otherwise
 */
public record CheckoutSession(String id, String url, String customerId, String clientReferenceId, String status,
                              String paymentStatus, String subscriptionId, long credits, Subscription subscription,
                              String planBought, OneTimePayment payment) {

    /** A session as an event reports it, or as created: the subscription, if any, by its id only. */
    public CheckoutSession(String id, String url, String customerId, String clientReferenceId, String status,
                           String paymentStatus, String subscriptionId, long credits) {
        this(id, url, customerId, clientReferenceId, status, paymentStatus, subscriptionId, credits, null);
    }

    /** A session that sells no plan once. */
    public CheckoutSession(String id, String url, String customerId, String clientReferenceId, String status,
                           String paymentStatus, String subscriptionId, long credits, Subscription subscription) {
        this(id, url, customerId, clientReferenceId, status, paymentStatus, subscriptionId, credits, subscription,
                null, null);
    }

    /** Stripe's rule for fulfilment: complete, and paid or nothing to pay. */
    public boolean isPaid() {
        return "complete".equals(status)
                && ("paid".equals(paymentStatus) || "no_payment_required".equals(paymentStatus));
    }

    public boolean sellsCredits() {
        return credits > 0;
    }

    /** When Stripe took its one-time payment up, when it sent the payment along; else null. */
    public Instant paidAt() {
        return payment == null ? null : payment.created();
    }

    /**
     * Completed with a delayed-notification method (a debit) whose bank has not answered yet: nothing to grant, and
     * nothing wrong; {@code checkout.session.async_payment_succeeded} or {@code …_failed} follows.
     */
    public boolean isProcessing() {
        return "complete".equals(status) && "unpaid".equals(paymentStatus) && payment != null
                && payment.isProcessing();
    }

    /**
     * A subscription Checkout paid by a bank debit the bank has not answered yet: Stripe makes the subscription
     * {@code active} at once (its first invoice stays open), so the subscription decides access, not the Checkout.
     */
    public boolean startedSubscriptionAwaitingDebit() {
        return "complete".equals(status) && "unpaid".equals(paymentStatus) && subscriptionId != null;
    }

    /** Why its payment failed, when Checkout completed and the bank then refused (a failed delayed payment). */
    public Optional<String> failedBecause() {
        return "complete".equals(status) && "unpaid".equals(paymentStatus) && payment != null
                ? payment.failureReason() : Optional.empty();
    }

    /** Whether it sells a plan once (for life or a term), not a subscription. */
    public boolean sellsPlanOnce() {
        return planBought != null && !planBought.isBlank();
    }
}

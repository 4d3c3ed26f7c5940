package dev.tollgate.payments.domain.model;

/**
 * A Stripe Checkout Session, in our words.
 *
 * @param status open, complete or expired
 * @param paymentStatus paid, unpaid or no_payment_required
 * @param subscriptionId the subscription it created (subscription mode), or null
 * @param credits credits it sells (payment mode, from the metadata we set when creating it), 0 for none
 */
public record CheckoutSession(String id, String url, String customerId, String clientReferenceId, String status,
                              String paymentStatus, String subscriptionId, long credits) {

    /** Stripe's rule for fulfilment: complete, and paid or nothing to pay. */
    public boolean isPaid() {
        return "complete".equals(status)
                && ("paid".equals(paymentStatus) || "no_payment_required".equals(paymentStatus));
    }

    public boolean sellsCredits() {
        return credits > 0;
    }
}

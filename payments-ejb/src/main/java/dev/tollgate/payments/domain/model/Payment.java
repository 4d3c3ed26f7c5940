package dev.tollgate.payments.domain.model;

import java.time.Instant;

/**
 * A customer's card payment as Stripe keeps it (a charge and the payment intent behind it), for refunding.
 *
 * @param amount what was captured, in Stripe's minor units of {@code currency}
 * @param amountRefunded what went back so far, by every refund of the charge
 * @param paid whether the charge succeeded (a declined one has nothing to refund)
 */
public record Payment(String chargeId, String paymentIntentId, String customerId, long amount, long amountRefunded,
                      String currency, boolean paid, boolean disputed, String description, Instant created) {

    /** What may still be refunded. */
    public long refundable() {
        return paid ? Math.max(0, amount - amountRefunded) : 0;
    }

    /** Whether refunding {@code refundAmount} now gives the whole charge back. */
    public boolean becomesFullyRefundedBy(long refundAmount) {
        return amountRefunded + refundAmount >= amount;
    }

    /** The charge's refunds, as {@code charge.refunded} reports them, after refunding {@code refundAmount} at {@code at}. */
    public Reversal refundedBy(long refundAmount, Instant at) {
        boolean full = becomesFullyRefundedBy(refundAmount);
        return new Reversal("refund:" + chargeId, Reversal.Kind.REFUND, customerId, chargeId,
                amountRefunded + refundAmount, full, full ? "refunded" : "partially_refunded", at);
    }
}

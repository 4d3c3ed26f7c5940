package dev.tollgate.payments.domain.model;

import java.time.Instant;

/**
 * A cardholder's dispute of a charge, as Stripe lists it now.
 *
 * @param customerId the customer of the disputed charge; null when the charge names none
 * @param status Stripe's status: {@code warning_needs_response}, {@code needs_response}, {@code under_review},
 *               {@code won}, {@code lost}, …
 * @param evidenceDueBy when the merchant's evidence must be in; null when Stripe gives no date
 */
public record Dispute(String id, String chargeId, String customerId, long amount, String currency, String reason,
                      String status, Instant evidenceDueBy, Instant created) {

    /** Still to be decided by the bank: evidence may change the outcome. */
    public boolean isOpen() {
        return !isLost() && !"won".equals(status) && !"prevented".equals(status);
    }

    public boolean isLost() {
        return "lost".equals(status);
    }

    /** The dispute as a {@code charge.dispute.*} event reports it, with the given status. */
    public Reversal asReversal(String withStatus, Instant at) {
        return new Reversal(id, Reversal.Kind.DISPUTE, customerId, chargeId, amount, true, withStatus, at);
    }
}

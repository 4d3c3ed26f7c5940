package dev.tollgate.payments.domain.model;

import java.time.Instant;

/**
 * Money taken back from a customer's charge, as an event reported it.
 *
 * @param id {@code dp_…} for a dispute, {@code refund:<charge id>} for the refunds of a charge
 * @param customerId empty when the event does not say (disputes): the handler asks Stripe for the charge's customer
 * @param full whether the whole charge was refunded or disputed
 * @param status for refunds {@code refunded}/{@code partially_refunded}; for disputes Stripe's dispute status
 */
public record Reversal(String id, Kind kind, String customerId, String chargeId, long amount, boolean full,
                       String status, Instant created) {

    /** Refund (the merchant gave money back) or dispute (the cardholder's bank took it). */
    public enum Kind { REFUND, DISPUTE }

    public Reversal withCustomer(String customer) {
        return new Reversal(id, kind, customer, chargeId, amount, full, status, created);
    }
}

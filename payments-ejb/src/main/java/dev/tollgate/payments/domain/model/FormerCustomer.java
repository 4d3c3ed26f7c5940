package dev.tollgate.payments.domain.model;

import java.time.Instant;

/**
 * A Stripe customer that once paid for a user and was deleted in Stripe. Kept after the account lets go of it, so
 * that an admin can still find the customer's history by the user, and so that late events of the customer are
 * known as its own and change nothing.
 *
 * @param unlinkedAt when the account let go of it
 */
public record FormerCustomer(String userId, String customerId, Instant unlinkedAt) {
}

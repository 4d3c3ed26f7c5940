package dev.tollgate.payments.domain.model;

import java.time.Instant;

/**
 * A customer's invoice as Stripe keeps it, for the console: what was asked and what was paid.
 *
 * @param number Stripe's invoice number; null for a draft, which has none yet
 * @param status draft | open | paid | uncollectible | void
 * @param amountDue what the invoice asks, in Stripe's minor units of {@code currency}
 * @param amountPaid what was paid of it so far
 * @param periodStart the start of the period the invoice bills (null when Stripe gives none)
 * @param hostedUrl Stripe's page of the invoice for the customer; null for a draft
 */
public record Invoice(String id, String number, String status, String currency, long amountDue, long amountPaid,
                      Instant created, Instant periodStart, Instant periodEnd, String hostedUrl) {
}

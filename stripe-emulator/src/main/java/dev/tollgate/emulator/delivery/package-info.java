/**
 * Webhook delivery: every event is POSTed to each endpoint that wants it, signed with that endpoint's
 * {@code whsec_} secret as Stripe signs, on a background thread, retried with exponential backoff, its outcome
 * recorded — and, under a seeded {@link dev.tollgate.emulator.delivery.FaultPlan}, made hostile on purpose.
 */
package dev.tollgate.emulator.delivery;

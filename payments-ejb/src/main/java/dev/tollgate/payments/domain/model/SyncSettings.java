package dev.tollgate.payments.domain.model;

import java.time.Duration;

/**
 * How this deployment turns Stripe's word into entitlements, beyond the access policy.
 *
 * @param readsStripeEntitlements whether the features Stripe Entitlements lists are merged into a granted access
 * @param unmatchedAfter how long an event naming a customer no user has yet is retried before it is recorded as
 *                       unmatched
 */
public record SyncSettings(boolean readsStripeEntitlements, Duration unmatchedAfter) {
}

package dev.tollgate.payments.domain.model;

/**
 * A committed change of a user's entitlement and its new version. Published after commit to the gate's version
 * board and fired as the CDI event apps observe (emails, caches).
 */
public record EntitlementChanged(String userId, long version) {
}

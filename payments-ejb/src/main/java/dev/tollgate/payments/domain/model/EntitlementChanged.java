package dev.tollgate.payments.domain.model;

/**
 * A committed change of a user's entitlement: its new version. Published after commit to the gate's version
 * event apps observe.
 */
public record EntitlementChanged(String userId, long version) {
}

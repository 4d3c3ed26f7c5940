package dev.tollgate.payments.domain.model;

/**
 * A committed change of a user's entitlement. Published after commit to the gate's version board and as the CDI
 * event apps observe.
 */
public record EntitlementChange(String userId, long version) {
}

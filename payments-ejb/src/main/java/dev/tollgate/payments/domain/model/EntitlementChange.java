package dev.tollgate.payments.domain.model;

import java.time.Instant;

/**
 * One version an entitlement took, as its history keeps it: what it granted then and why it was written.
 *
 * @param grantsAccess whether the policy let the user in at {@code changedAt}
 */
public record EntitlementChange(String userId, long version, String plan, SubscriptionStatus status,
                                boolean grantsAccess, Instant accessUntil, long credits, ChangeCause cause,
                                Instant changedAt) {

    /** The entitlement as it is now, written for {@code cause}. */
    public static EntitlementChange of(Entitlement entitlement, ChangeCause cause) {
        return new EntitlementChange(entitlement.userId(), entitlement.version(), entitlement.plan(),
                entitlement.status(), entitlement.grantsAccessAt(entitlement.updatedAt()), entitlement.accessUntil(),
                entitlement.credits(), cause, entitlement.updatedAt());
    }
}

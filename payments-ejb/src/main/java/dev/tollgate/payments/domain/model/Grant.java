package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Set;

/**
 * What the access policy decided a user may use: the entitlement row is made to say exactly this.
 *
 * @param plan the main plan, or null when nothing is granted
 * @param plans the plan and every plan it includes
 * @param accessUntil when access ends under the policy; null for no access
 */
public record Grant(String plan, Set<String> plans, Set<String> features, SubscriptionStatus status,
                    Instant accessUntil, String subscriptionId) {

    public Grant {
        plans = Set.copyOf(plans);
        features = Set.copyOf(features);
    }

    public static Grant nothing(SubscriptionStatus status, String subscriptionId) {
        return new Grant(null, Set.of(), Set.of(), status, null, subscriptionId);
    }
}

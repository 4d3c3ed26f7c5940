package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the access policy decided a user may use: the entitlement row is made to say exactly this.
 *
 * @param plan the main plan, or null when nothing is granted
 * @param plans the plan and every plan it includes
 * @param accessUntil when access ends under the policy; null for no access
 * @param renewsAt when a subscription whose current period was taken back (full refund, lost dispute) renews into
 *                 a period that may grant access again; null when there is none. The gate asks for a sync once it
 *                 has passed, as it does when {@code accessUntil} passes, because the renewal's events may be late.
 */
public record Grant(String plan, Set<String> plans, Set<String> features, SubscriptionStatus status,
                    Instant accessUntil, String subscriptionId, Instant renewsAt) {

    public Grant {
        plans = Set.copyOf(plans);
        features = Set.copyOf(features);
    }

    /** The same grant with more features (e.g. from Stripe Entitlements) merged in. */
    public Grant withExtraFeatures(Set<String> extra) {
        Set<String> merged = new TreeSet<>(features);
        merged.addAll(extra);
        return new Grant(plan, plans, merged, status, accessUntil, subscriptionId, renewsAt);
    }

    public static Grant nothing(SubscriptionStatus status, String subscriptionId, Instant renewsAt) {
        return new Grant(null, Set.of(), Set.of(), status, null, subscriptionId, renewsAt);
    }
}

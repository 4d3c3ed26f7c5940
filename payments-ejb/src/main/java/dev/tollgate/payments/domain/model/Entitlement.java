package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a user may use right now. Every change bumps {@link #version()} in the same transaction; the gate notices
 * a change by comparing that one number with the copy in the user's session.
 */
public class Entitlement {

    private String userId;
    private String plan;
    private String plans = "";
    private String features = "";
    private String status = SubscriptionStatus.NONE.stripeName();
    private Instant accessUntil;
    private Instant renewsAt;
    private String stripeFeatures = "";
    private long credits;
    private String subscriptionId;
    private long version;
    private Instant updatedAt;

    private Entitlement() {
    }

    /** A user who has never paid: no plan, no access, version 0. */
    public static Entitlement none(String userId, Instant now) {
        Entitlement entitlement = new Entitlement();
        entitlement.userId = userId;
        entitlement.updatedAt = now;
        return entitlement;
    }

    /**
     * An entitlement as it was stored; {@code plans}, {@code features} and {@code stripeFeatures} are the sorted
     * comma lists of {@link #plansList()} and its siblings.
     */
    public static Entitlement restored(String userId, String plan, String plans, String features,
                                       String stripeFeatures, String status, Instant accessUntil,
                                       Instant renewsAt, long credits, String subscriptionId, long version,
                                       Instant updatedAt) {
        Entitlement entitlement = new Entitlement();
        entitlement.userId = userId;
        entitlement.plan = plan;
        entitlement.plans = plans;
        entitlement.features = features;
        entitlement.stripeFeatures = stripeFeatures;
        entitlement.status = status;
        entitlement.accessUntil = accessUntil;
        entitlement.renewsAt = renewsAt;
        entitlement.credits = credits;
        entitlement.subscriptionId = subscriptionId;
        entitlement.version = version;
        entitlement.updatedAt = updatedAt;
        return entitlement;
    }

    /**
     * Makes this row say what the grant says.
     *
     * @return true when anything changed (and the version moved), false when it already said so
     */
    public boolean apply(Grant grant, Instant now) {
        boolean same = Objects.equals(plan, grant.plan())
                && plans.equals(join(grant.plans()))
                && features.equals(join(grant.features()))
                && status.equals(grant.status().stripeName())
                && Objects.equals(accessUntil, grant.accessUntil())
                && Objects.equals(renewsAt, grant.renewsAt())
                && Objects.equals(subscriptionId, grant.subscriptionId());
        if (same) {
            return false;
        }
        plan = grant.plan();
        plans = join(grant.plans());
        features = join(grant.features());
        status = grant.status().stripeName();
        accessUntil = grant.accessUntil();
        renewsAt = grant.renewsAt();
        subscriptionId = grant.subscriptionId();
        version++;
        updatedAt = now;
        return true;
    }

    /**
     * Remembers the features Stripe Entitlements lists for the customer; a recompute merges them in.
     *
     * @return true when they differ from the ones remembered before
     */
    public boolean rememberStripeFeatures(Set<String> featureKeys) {
        String listed = join(featureKeys);
        boolean changed = !listed.equals(stripeFeatures);
        stripeFeatures = listed;
        return changed;
    }

    public Set<String> stripeFeaturesSet() {
        return split(stripeFeatures);
    }

    /** Adds (or, negative, takes) credits; the version moves so every node's gate sees the new balance. */
    public void addCredits(long amount, Instant now) {
        credits += amount;
        version++;
        updatedAt = now;
    }

    /** Whether the policy lets this user in at the given moment. */
    public boolean grantsAccessAt(Instant moment) {
        return accessUntil != null && moment.isBefore(accessUntil);
    }

    public boolean coversPlan(String planName) {
        return plansSet().contains(planName);
    }

    public String userId() { return userId; }
    public String plan() { return plan; }
    public SubscriptionStatus status() { return SubscriptionStatus.fromStripe(status); }
    public Instant accessUntil() { return accessUntil; }
    /** See {@link Grant#renewsAt()}. */
    public Instant renewsAt() { return renewsAt; }
    public long credits() { return credits; }
    public long version() { return version; }
    public String subscriptionId() { return subscriptionId; }
    public Instant updatedAt() { return updatedAt; }

    /** The plans this entitlement covers as a sorted comma list, the form it is stored in. */
    public String plansList() { return plans; }
    /** The features as a sorted comma list. */
    public String featuresList() { return features; }
    /** The features Stripe Entitlements listed, as a sorted comma list. */
    public String stripeFeaturesList() { return stripeFeatures; }

    public Set<String> plansSet() {
        return split(plans);
    }

    public Set<String> featuresSet() {
        return split(features);
    }

    private static String join(Set<String> values) {
        return String.join(",", new TreeSet<>(values));
    }

    private static Set<String> split(String joined) {
        return joined.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(joined.split(",")));
    }
}

package dev.tollgate.payments.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a user may use right now. Every change bumps {@link #version()} in the same transaction; the gate notices
 * a change by comparing that one number with the copy in the user's session.
 */
@Entity
@Table(name = "entitlement")
public class Entitlement {

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(name = "plan")
    private String plan;

    @Column(name = "plans", nullable = false)
    private String plans = "";

    @Column(name = "features", nullable = false)
    private String features = "";

    @Column(name = "status", nullable = false)
    private String status = SubscriptionStatus.NONE.stripeName();

    @Column(name = "access_until")
    private Instant accessUntil;

    @Column(name = "stripe_features", nullable = false)
    private String stripeFeatures = "";

    @Column(name = "credits", nullable = false)
    private long credits;

    @Column(name = "subscription_id")
    private String subscriptionId;

    @Column(name = "stripe_as_of")
    private Long stripeAsOf;

    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Entitlement() {
        // for JPA
    }

    /** A user who has never paid: no plan, no access, version 0. */
    public static Entitlement none(String userId, Instant now) {
        Entitlement entitlement = new Entitlement();
        entitlement.userId = userId;
        entitlement.updatedAt = now;
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
                && Objects.equals(subscriptionId, grant.subscriptionId());
        if (same) {
            return false;
        }
        plan = grant.plan();
        plans = join(grant.plans());
        features = join(grant.features());
        status = grant.status().stripeName();
        accessUntil = grant.accessUntil();
        subscriptionId = grant.subscriptionId();
        version++;
        updatedAt = now;
        return true;
    }

    /** Remembers the features Stripe Entitlements lists for the customer; a recompute merges them in. */
    public void rememberStripeFeatures(Set<String> featureKeys) {
        stripeFeatures = join(featureKeys);
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
    public long credits() { return credits; }
    public long version() { return version; }
    public String subscriptionId() { return subscriptionId; }

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

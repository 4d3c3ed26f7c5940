package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a user may use right now: the grant the access policy last decided, the features Stripe Entitlements
 * listed, and the credit balance. Every change bumps {@link #version()} in the same transaction; the gate notices
 * a change by comparing that one number with the copy in the user's session.
 */
public class Entitlement {

    private final String userId;
    private Grant grant;
    private Set<String> stripeFeatures;
    /** When Stripe was asked for {@link #stripeFeatures}; null when never. */
    private Instant stripeFeaturesAsOf;
    private long credits;
    private long version;
    private Instant updatedAt;
    /** The version the stored row holds: a write whose version moved past it adds a history row. */
    private long storedVersion;

    private Entitlement(String userId, Grant grant, Set<String> stripeFeatures, Instant stripeFeaturesAsOf,
                        long credits, long version, Instant updatedAt) {
        this.userId = userId;
        this.grant = grant;
        this.stripeFeatures = Set.copyOf(stripeFeatures);
        this.stripeFeaturesAsOf = stripeFeaturesAsOf;
        this.credits = credits;
        this.version = version;
        this.updatedAt = updatedAt;
        this.storedVersion = version;
    }

    /** A user who has never paid: no plan, no access, version 0. */
    public static Entitlement none(String userId, Instant now) {
        return new Entitlement(userId, Grant.nothing(SubscriptionStatus.NONE, null, null), Set.of(), null, 0, 0,
                now);
    }

    /** An entitlement as it was stored. */
    public static Entitlement restored(String userId, Grant grant, Set<String> stripeFeatures,
                                       Instant stripeFeaturesAsOf, long credits, long version, Instant updatedAt) {
        return new Entitlement(userId, grant, stripeFeatures, stripeFeaturesAsOf, credits, version, updatedAt);
    }

    /**
     * Makes this entitlement say what the grant says.
     *
     * @return true when anything changed (and the version moved), false when it already said so
     */
    public boolean apply(Grant decided, Instant now) {
        if (grant.equals(decided)) {
            return false;
        }
        grant = decided;
        version++;
        updatedAt = now;
        return true;
    }

    /**
     * Remembers the features Stripe Entitlements listed for the customer when asked at {@code askedAt}, unless the
     * ones remembered were asked for later (the two listings ran side by side and the older one finished last); a
     * recompute merges them in.
     *
     * @return true when the row must be written: the features, or the moment they are as of, moved
     */
    public boolean rememberStripeFeatures(Set<String> featureKeys, Instant askedAt) {
        if (stripeFeaturesAsOf != null && askedAt.isBefore(stripeFeaturesAsOf)) {
            return false;
        }
        boolean moved = !featureKeys.equals(stripeFeatures) || !askedAt.equals(stripeFeaturesAsOf);
        stripeFeatures = Set.copyOf(featureKeys);
        stripeFeaturesAsOf = askedAt;
        return moved;
    }

    /** Adds (or, negative, takes) credits; the version moves so every node's gate sees the new balance. */
    public void addCredits(long amount, Instant now) {
        credits += amount;
        version++;
        updatedAt = now;
    }

    /** Whether the version moved since this entitlement was read or last written: a change for the history. */
    public boolean movedSinceStored() {
        return version != storedVersion;
    }

    /** The row now holds this entitlement as it is. */
    public void stored() {
        storedVersion = version;
    }

    /** Whether the policy lets this user in at the given moment. */
    public boolean grantsAccessAt(Instant moment) {
        return grant.accessUntil() != null && moment.isBefore(grant.accessUntil());
    }

    public boolean coversPlan(String planName) {
        return grant.plans().contains(planName);
    }

    public String userId() { return userId; }
    /** What the policy decided last, Stripe's features merged in. */
    public Grant grant() { return grant; }
    public String plan() { return grant.plan(); }
    public SubscriptionStatus status() { return grant.status(); }
    public Instant accessUntil() { return grant.accessUntil(); }
    /** See {@link Grant#renewsAt()}. */
    public Instant renewsAt() { return grant.renewsAt(); }
    public String subscriptionId() { return grant.subscriptionId(); }
    public long credits() { return credits; }
    public long version() { return version; }
    public Instant updatedAt() { return updatedAt; }

    /** The plan and every plan it includes. */
    public Set<String> plans() {
        return new TreeSet<>(grant.plans());
    }

    public Set<String> features() {
        return new TreeSet<>(grant.features());
    }

    /** The features Stripe Entitlements listed. */
    public Set<String> stripeFeatures() {
        return new TreeSet<>(stripeFeatures);
    }

    /** When Stripe was asked for {@link #stripeFeatures()}; null when never. */
    public Instant stripeFeaturesAsOf() {
        return stripeFeaturesAsOf;
    }
}

package dev.tollgate.payments.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Our copy of one Stripe subscription and the moment of Stripe state it reflects ({@code stripe_as_of}). Events
 * are not ordered: a state is taken only when it is newer than what the record already reflects.
 */
@Entity
@Table(name = "stripe_subscription")
public class SubscriptionRecord {

    @Id
    @Column(name = "subscription_id")
    private String subscriptionId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "prices", nullable = false)
    private String prices;

    @Column(name = "current_period_start")
    private Instant currentPeriodStart;

    @Column(name = "current_period_end")
    private Instant currentPeriodEnd;

    @Column(name = "cancel_at_period_end", nullable = false)
    private boolean cancelAtPeriodEnd;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "stripe_as_of", nullable = false)
    private long stripeAsOf;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SubscriptionRecord() {
        // for JPA
    }

    public SubscriptionRecord(Subscription subscription, Instant asOf, Instant now) {
        this.subscriptionId = subscription.id();
        take(subscription, asOf, now);
    }

    /** How a state of the given moment compares with what this record reflects. */
    public Freshness freshnessOf(Instant asOf) {
        long candidate = asOf.getEpochSecond();
        if (candidate > stripeAsOf) {
            return Freshness.NEWER;
        }
        return candidate == stripeAsOf ? Freshness.SAME_SECOND : Freshness.OLDER;
    }

    /** Takes the state unconditionally; callers check {@link #freshnessOf(Instant)} first. */
    public final void take(Subscription subscription, Instant asOf, Instant now) {
        this.customerId = subscription.customerId();
        this.status = subscription.status().stripeName();
        this.prices = String.join(",", subscription.prices());
        this.currentPeriodStart = subscription.currentPeriodStart();
        this.currentPeriodEnd = subscription.currentPeriodEnd();
        this.cancelAtPeriodEnd = subscription.cancelAtPeriodEnd();
        this.createdAt = subscription.created();
        this.stripeAsOf = asOf.getEpochSecond();
        this.updatedAt = now;
    }

    /** The customer was deleted in Stripe, which ends its subscriptions. */
    public void endWithCustomer(Instant asOf, Instant now) {
        take(new Subscription(subscriptionId, customerId, SubscriptionStatus.CANCELED, toSubscription().prices(),
                currentPeriodStart, currentPeriodEnd, cancelAtPeriodEnd, createdAt), asOf, now);
    }

    public Subscription toSubscription() {
        List<String> priceList = prices.isEmpty() ? List.of() : Arrays.asList(prices.split(","));
        return new Subscription(subscriptionId, customerId, SubscriptionStatus.fromStripe(status), priceList,
                currentPeriodStart, currentPeriodEnd, cancelAtPeriodEnd, createdAt);
    }

    public String subscriptionId() { return subscriptionId; }
    public Instant stripeAsOf() { return Instant.ofEpochSecond(stripeAsOf); }

    /** Where an incoming state stands relative to the record. */
    public enum Freshness {
        /** Later than the record: take it. */
        NEWER,
        /** Same second: order cannot be told, ask Stripe for the current state. */
        SAME_SECOND,
        /** Earlier than the record: a late or replayed delivery, ignore it. */
        OLDER
    }
}

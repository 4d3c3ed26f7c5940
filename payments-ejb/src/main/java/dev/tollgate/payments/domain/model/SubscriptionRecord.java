package dev.tollgate.payments.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Our copy of one Stripe subscription; the access policy decides from these, not from event payloads. */
@Entity
@Table(name = "stripe_subscription")
public class SubscriptionRecord extends StripeStateRecord {

    @Id
    @Column(name = "subscription_id")
    private String subscriptionId;

    @Column(name = "prices", nullable = false)
    private String prices;

    @Column(name = "current_period_start")
    private Instant currentPeriodStart;

    @Column(name = "current_period_end")
    private Instant currentPeriodEnd;

    @Column(name = "cancel_at_period_end", nullable = false)
    private boolean cancelAtPeriodEnd;

    protected SubscriptionRecord() {
        // for JPA
    }

    public SubscriptionRecord(Subscription subscription, Instant asOf, Instant now) {
        this.subscriptionId = subscription.id();
        take(subscription, asOf, now);
    }

    /** Takes the state unconditionally; callers check {@link #freshnessOf(Instant)} first. */
    public final void take(Subscription subscription, Instant asOf, Instant now) {
        recordState(subscription.customerId(), subscription.status().stripeName(), subscription.created(), asOf, now);
        this.prices = String.join(",", subscription.prices());
        this.currentPeriodStart = subscription.currentPeriodStart();
        this.currentPeriodEnd = subscription.currentPeriodEnd();
        this.cancelAtPeriodEnd = subscription.cancelAtPeriodEnd();
    }

    /** The customer was deleted in Stripe, which ends its subscriptions. */
    public void endWithCustomer(Instant asOf, Instant now) {
        Subscription current = toSubscription();
        take(new Subscription(subscriptionId, current.customerId(), SubscriptionStatus.CANCELED, current.prices(),
                currentPeriodStart, currentPeriodEnd, cancelAtPeriodEnd, current.created()), asOf, now);
    }

    public Subscription toSubscription() {
        List<String> priceList = prices.isEmpty() ? List.of() : Arrays.asList(prices.split(","));
        return new Subscription(subscriptionId, customerId(), SubscriptionStatus.fromStripe(status()), priceList,
                currentPeriodStart, currentPeriodEnd, cancelAtPeriodEnd, createdAt());
    }

    public String subscriptionId() { return subscriptionId; }
}

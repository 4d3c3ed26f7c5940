package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.List;

/** Our copy of one Stripe subscription; the access policy decides from these, not from event payloads. */
public class SubscriptionRecord extends StripeStateRecord {

    private final String subscriptionId;
    private List<String> prices;
    private Instant currentPeriodStart;
    private Instant currentPeriodEnd;
    private boolean cancelAtPeriodEnd;

    public SubscriptionRecord(Subscription subscription, Instant asOf, Instant now) {
        this.subscriptionId = subscription.id();
        take(subscription, asOf, now);
    }

    private SubscriptionRecord(String subscriptionId) {
        this.subscriptionId = subscriptionId;
    }

    /**
     * A record as it was stored: the state it holds, the second of Stripe time it reflects and when we wrote it.
     */
    public static SubscriptionRecord restored(Subscription held, long stripeAsOf, Instant updatedAt) {
        SubscriptionRecord record = new SubscriptionRecord(held.id());
        record.restoreState(held.customerId(), held.status().stripeName(), held.created(), stripeAsOf, updatedAt);
        record.holdPeriod(held);
        return record;
    }

    /** Takes the state unconditionally; callers check {@link #freshnessOf(Instant)} first. */
    public final void take(Subscription subscription, Instant asOf, Instant now) {
        recordState(subscription.customerId(), subscription.status().stripeName(), subscription.created(), asOf, now);
        holdPeriod(subscription);
    }

    private void holdPeriod(Subscription subscription) {
        this.prices = subscription.prices();
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

    /**
     * Whether the record already holds exactly this state: then a state of the record's own second is the same one
     * applied again (a redelivery, a catch-up reading it back, a second event of one change), not a tie to settle.
     */
    public boolean holds(Subscription state) {
        return toSubscription().equals(state);
    }

    public Subscription toSubscription() {
        return new Subscription(subscriptionId, customerId(), SubscriptionStatus.fromStripe(status()), prices,
                currentPeriodStart, currentPeriodEnd, cancelAtPeriodEnd, createdAt());
    }

    public String subscriptionId() { return subscriptionId; }
}

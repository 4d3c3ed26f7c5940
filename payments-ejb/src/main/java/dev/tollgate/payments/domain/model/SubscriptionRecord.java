package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Our copy of one Stripe subscription; the access policy decides from these, not from event payloads. */
public class SubscriptionRecord extends StripeStateRecord {

    private final String subscriptionId;
    private List<String> prices;
    private Instant currentPeriodStart;
    private Instant currentPeriodEnd;
    private boolean cancelAtPeriodEnd;
    private Instant invoicePaidAt;
    private Instant pastDueSince;

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
        return restored(held, stripeAsOf, updatedAt, null, null);
    }

    /**
     * A record as it was stored, with what the events told of its payments.
     *
     * @param invoicePaidAt when an invoice of it was first reported paid, or null
     * @param pastDueSince the Stripe moment it became past_due, or null when it is not
     */
    public static SubscriptionRecord restored(Subscription held, long stripeAsOf, Instant updatedAt,
                                              Instant invoicePaidAt, Instant pastDueSince) {
        SubscriptionRecord record = new SubscriptionRecord(held.id());
        record.restoreState(held.customerId(), held.status().stripeName(), held.created(), stripeAsOf, updatedAt);
        record.holdPeriod(held);
        record.invoicePaidAt = invoicePaidAt;
        record.pastDueSince = pastDueSince;
        return record;
    }

    /** Takes the state unconditionally; callers check {@link #freshnessOf(Instant)} first. */
    public final void take(Subscription subscription, Instant asOf, Instant now) {
        recordState(subscription.customerId(), subscription.status().stripeName(), subscription.created(), asOf, now);
        holdPeriod(subscription);
        // set by the first past_due state and cleared by any other, so it is set exactly while the record is past_due;
        // states are taken in Stripe's order (older ones are ignored), so it is when the payment failed
        if (subscription.status() != SubscriptionStatus.PAST_DUE) {
            pastDueSince = null;
        } else if (pastDueSince == null) {
            pastDueSince = Instant.ofEpochSecond(asOf.getEpochSecond());
        }
    }

    /**
     * An invoice of this subscription was reported paid at {@code paidAt}: keeps the first such moment.
     *
     * @return whether the record did not know of a paid invoice before
     */
    public boolean invoicePaid(Instant paidAt) {
        if (invoicePaidAt != null) {
            return false;
        }
        invoicePaidAt = paidAt;
        return true;
    }

    /** What the events told of this subscription's payments, for the access policy. */
    public PaymentsSeen paymentsSeen() {
        return new PaymentsSeen(subscriptionId, invoicePaidAt, pastDueSince);
    }

    public Optional<Instant> invoicePaidAt() { return Optional.ofNullable(invoicePaidAt); }
    public Optional<Instant> pastDueSince() { return Optional.ofNullable(pastDueSince); }

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

    /**
     * What an invoice event needs to know of a record: the second of Stripe time it reflects, and whether it knows
     * of a paid invoice (the first one reported paid must be remembered).
     */
    public record Moment(Instant stripeAsOf, boolean invoicePaidSeen) {
    }
}

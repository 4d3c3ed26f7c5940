package dev.tollgate.payments.domain.model;

import java.util.Locale;

/** A Stripe subscription status, in our words; {@link #NONE} when the user never subscribed. */
public enum SubscriptionStatus {
    NONE, INCOMPLETE, INCOMPLETE_EXPIRED, TRIALING, ACTIVE, PAST_DUE, CANCELED, UNPAID, PAUSED;

    /** Maps Stripe's lower-case status; an unknown future status grants nothing until we know what it means. */
    public static SubscriptionStatus fromStripe(String status) {
        try {
            return valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return NONE;
        }
    }

    public String stripeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Paid up, or on a trial: access for the whole current period. */
    public boolean isInGoodStanding() {
        return this == ACTIVE || this == TRIALING;
    }

    /** The latest renewal failed and Stripe is still retrying: access only within the grace period. */
    public boolean isAwaitingPayment() {
        return this == PAST_DUE;
    }
}

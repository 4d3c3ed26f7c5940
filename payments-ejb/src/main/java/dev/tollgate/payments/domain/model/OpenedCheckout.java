package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A Checkout Tollgate opened, as recorded when Stripe answered with it, so that a drift scan knows which one-time
 * purchases may still turn into a payment nobody applied.
 *
 * @param mode payment (credits, a plan bought once) or subscription
 * @param sells what it sells: {@code credits:<n>}, {@code plan-once:<plan>} or {@code subscription}
 * @param settledAt when nothing more could come of it (applied, expired, failed); empty while it could
 */
public record OpenedCheckout(String checkoutId, String userId, String customerId, Mode mode, String priceId,
                             String sells, Instant openedAt, Optional<Instant> settledAt) {

    /** Stripe's Checkout modes Tollgate opens. */
    public enum Mode {
        PAYMENT, SUBSCRIPTION;

        public String dbValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Mode of(String dbValue) {
            return valueOf(dbValue.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** How a recorded Checkout came to be settled. */
    public enum Settlement {
        /** subscription mode: its subscription is listed by every drift scan, nothing to ask about it */
        SUBSCRIPTION,
        /** its credits or plan were granted (or found granted) */
        APPLIED,
        /** Stripe expired it unpaid */
        EXPIRED,
        /** its delayed payment failed; a new Checkout is the only way on */
        FAILED;

        public String dbValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Just opened: a subscription's Checkout is settled at once, a one-time purchase once applied or dead. */
    public static OpenedCheckout opened(String checkoutId, String userId, String customerId, boolean subscription,
                                        String priceId, String sells, Instant now) {
        return new OpenedCheckout(checkoutId, userId, customerId, subscription ? Mode.SUBSCRIPTION : Mode.PAYMENT,
                priceId, sells, now, subscription ? Optional.of(now) : Optional.empty());
    }

    public boolean isSettled() {
        return settledAt.isPresent();
    }
}

package dev.tollgate.payments.domain.model;

/** Whether the configured Stripe keys act on test data or on real money. */
public enum StripeMode {
    TEST, LIVE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.tollgate.payments.domain.model;

/**
 * A free trial a plan starts with when bought through Checkout.
 *
 * @param days         how long, 1 to 730 (Stripe's bounds)
 * @param cardRequired whether Checkout asks for a card; without one, Stripe ends the subscription when the trial
 *                     ends and no card was added meanwhile
 */
public record Trial(int days, boolean cardRequired) {

    /** Stripe's longest trial. */
    public static final int MAX_DAYS = 730;

    public Trial {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("a trial lasts 1 to " + MAX_DAYS + " days, not " + days);
        }
    }
}

package dev.tollgate.payments.domain.model;

import java.util.Optional;

/**
 * What Stripe says a price costs: its amount (empty for a price without one fixed amount, e.g. tiered or
 * customer-chosen) and, for a subscription, how often it is charged.
 *
 * @param id            Stripe's price id
 * @param lookupKey     its lookup key, or null
 * @param amount        the amount per unit, if the price has one
 * @param interval      {@code day}, {@code week}, {@code month} or {@code year}; empty for a one-time price
 * @param intervalCount how many intervals one period lasts (3 with {@code month} = quarterly); 0 for one-time
 * @param productName   the name of the Stripe product the price belongs to, or null
 */
public record PriceTag(String id, String lookupKey, Optional<Money> amount, Optional<String> interval,
                       long intervalCount, String productName) {

    /** Whether the price is charged once rather than every period. */
    public boolean oneTime() {
        return interval.isEmpty();
    }

    /** Whether {@code priceIdOrLookupKey} names this price. */
    public boolean isNamedBy(String priceIdOrLookupKey) {
        return id.equals(priceIdOrLookupKey) || priceIdOrLookupKey.equals(lookupKey);
    }
}

package dev.tollgate.payments.domain.model;

import java.util.Set;

/**
 * Something a customer can buy: the Stripe prices (ids or lookup keys) that sell it, the features it unlocks and
 * the plans it includes ({@code pro} includes {@code basic}).
 */
public record Plan(String name, Set<String> prices, Set<String> features, Set<String> includes) {

    public Plan {
        prices = Set.copyOf(prices);
        features = Set.copyOf(features);
        includes = Set.copyOf(includes);
    }

    public boolean isSoldBy(String priceIdOrLookupKey) {
        return prices.contains(priceIdOrLookupKey);
    }
}

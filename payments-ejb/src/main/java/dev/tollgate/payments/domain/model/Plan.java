package dev.tollgate.payments.domain.model;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Something a customer can buy: the Stripe prices (ids or lookup keys) that sell it, the features it unlocks and
 * the plans it includes ({@code pro} includes {@code basic}).
 */
public record Plan(String name, Set<String> prices, Set<String> features, Set<String> includes) {

    public Plan {
        // in the catalog's order, which a pricing page shows (pro monthly before pro yearly)
        prices.forEach(Objects::requireNonNull);
        prices = Collections.unmodifiableSet(new LinkedHashSet<>(prices));
        features = Set.copyOf(features);
        includes = Set.copyOf(includes);
    }

    public boolean isSoldBy(String priceIdOrLookupKey) {
        return prices.contains(priceIdOrLookupKey);
    }
}

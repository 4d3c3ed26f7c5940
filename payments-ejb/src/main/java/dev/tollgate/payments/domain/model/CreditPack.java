package dev.tollgate.payments.domain.model;

import java.util.Set;

/** A one-time purchase of credits: the prices that sell it and how many credits one purchase adds. */
public record CreditPack(String name, Set<String> prices, long credits) {

    public CreditPack {
        prices = Set.copyOf(prices);
        if (credits <= 0) {
            throw new IllegalArgumentException("credit pack '" + name + "' must add a positive number of credits");
        }
    }

    public boolean isSoldBy(String priceIdOrLookupKey) {
        return prices.contains(priceIdOrLookupKey);
    }
}

package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.List;

/**
 * What Stripe says about one subscription, translated out of Stripe's types.
 *
 * @param prices the price ids and lookup keys of its items
 * @param currentPeriodStart start of the period being billed (from the items, as since API 2025-03-31.basil)
 * @param currentPeriodEnd end of that period
 */
public record Subscription(String id, String customerId, SubscriptionStatus status, List<String> prices,
                           Instant currentPeriodStart, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
                           Instant created) {

    public Subscription {
        prices = List.copyOf(prices);
    }
}

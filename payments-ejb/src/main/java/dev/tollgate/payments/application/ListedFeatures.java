package dev.tollgate.payments.application;

import java.time.Instant;
import java.util.Set;

/**
 * The features Stripe Entitlements listed for a customer, and when Stripe was asked: the listing reflects Stripe at
 * that moment or later, so a listing asked earlier than the one stored is not taken.
 */
public record ListedFeatures(Set<String> keys, Instant askedAt) {

    public ListedFeatures {
        keys = Set.copyOf(keys);
    }
}

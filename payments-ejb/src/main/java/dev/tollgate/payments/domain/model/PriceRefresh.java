package dev.tollgate.payments.domain.model;

import java.time.Duration;

/**
 * How long the prices read from Stripe are shown before Stripe is asked again ({@code PAYMENTS_PRICES_REFRESH_SECONDS}).
 * A failed refresh is tried again after {@link #retryAfterFailure()}, not on every request, so a pricing page
 * under load never hammers a Stripe that is down.
 */
public record PriceRefresh(Duration interval) {

    /** The longest wait before trying again after a failure. */
    static final Duration MAX_RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    public PriceRefresh {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("prices are refreshed after a positive interval, not " + interval);
        }
    }

    /** The interval, but at most ten seconds. */
    public Duration retryAfterFailure() {
        return interval.compareTo(MAX_RETRY_AFTER_FAILURE) < 0 ? interval : MAX_RETRY_AFTER_FAILURE;
    }
}

package dev.tollgate.emulator.delivery;

import java.time.Duration;

/**
 * How often a failed delivery is tried again: attempt n+1 waits {@code baseDelay × 2^(n-1)}. Stripe spreads its
 * retries over days; the emulator keeps Stripe's shape with delays short enough for tests.
 */
public record RetryPolicy(Duration baseDelay, int maxAttempts) {
    /** 1 s, 2 s, 4 s, 8 s between five attempts. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), 5);

    public RetryPolicy {
        if (baseDelay.isNegative() || maxAttempts < 1) {
            throw new IllegalArgumentException("retry policy needs a non-negative delay and at least one attempt");
        }
    }

    /** The wait after the given failed attempt (1-based). */
    public Duration delayAfter(int failedAttempt) {
        return baseDelay.multipliedBy(1L << Math.min(failedAttempt - 1, 20));
    }
}

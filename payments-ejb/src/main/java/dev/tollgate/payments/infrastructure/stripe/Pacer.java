package dev.tollgate.payments.infrastructure.stripe;

import com.stripe.exception.ApiConnectionException;
import java.time.Duration;

/**
 * Fixed pacing for one thread: consecutive requests at least {@code 1 / rate} apart, the first at once. No burst
 * allowance on purpose: a job that was idle and then sends thirty requests spreads them out, so the requests users
 * are waiting for never meet a lump of background ones at Stripe's rate limit.
 */
final class Pacer {

    private final long intervalNanos;
    private boolean started;
    private long earliestNext;

    private Pacer(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** @throws IllegalArgumentException unless the rate is a finite number above zero */
    static Pacer atMost(double requestsPerSecond) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requests per second must be a finite number above 0, not "
                    + requestsPerSecond);
        }
        return new Pacer((long) Math.ceil(1_000_000_000d / requestsPerSecond));
    }

    /** Waits until the next request may go, and books that moment. */
    void awaitTurn() throws ApiConnectionException {
        long now = System.nanoTime();
        if (started && earliestNext - now > 0) {
            Pauses.pause(Duration.ofNanos(earliestNext - now));
            now = System.nanoTime();
        }
        started = true;
        earliestNext = now + intervalNanos;
    }
}

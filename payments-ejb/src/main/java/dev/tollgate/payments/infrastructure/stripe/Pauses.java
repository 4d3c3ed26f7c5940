package dev.tollgate.payments.infrastructure.stripe;

import com.stripe.exception.ApiConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waiting before a request to Stripe is sent, as pacing and retrying need it. */
final class Pauses {

    private Pauses() {
    }

    /**
     * Waits the whole pause (a sleep may end early; the rest is slept too). An interrupt ends the wait as a request
     * that could not be sent, so the caller sees Stripe as unavailable and the thread keeps its interrupt.
     */
    static void pause(Duration pause) throws ApiConnectionException {
        long deadline = System.nanoTime() + pause.toNanos();
        try {
            for (long left = pause.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted while waiting to call Stripe", interrupted);
        }
    }
}

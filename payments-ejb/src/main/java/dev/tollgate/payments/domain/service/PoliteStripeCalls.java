package dev.tollgate.payments.domain.service;

/**
 * A stretch of work on one thread during which every Stripe call is paced and patient: at most the given number
 * of requests per second, a 429 waits for Stripe's {@code Retry-After} (or backs off), a 5xx or time-out is tried
 * again after a jittered pause. Background jobs (reconciliation) open one so that they never crowd out the
 * requests users are waiting for; calls outside such a stretch are not paced. Counts the calls made in it.
 */
public interface PoliteStripeCalls extends AutoCloseable {

    /**
     * Stripe API requests sent during this stretch on its thread, counted where they go over the wire: each retry
     * counts, a request that found no connection counts too.
     */
    long callsMade();

    /** Ends the stretch: later calls on the thread are no longer paced. Only its own thread can end it. */
    @Override
    void close();
}

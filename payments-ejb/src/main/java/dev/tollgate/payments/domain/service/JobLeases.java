package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.ReconcileJob;
import java.time.Instant;

/**
 * Which node runs a job, for how long: one row per job, taken with one conditional update, so that of several
 * nodes asking at once exactly one gets it. Each call is its own transaction.
 */
public interface JobLeases {

    /**
     * Takes the job's lease until {@code until} when it is free (never taken, released, or lapsed before
     * {@code now}) or already {@code holder}'s.
     *
     * @return whether {@code holder} now holds it
     */
    boolean acquire(ReconcileJob job, String holder, Instant now, Instant until);

    /** Moves the end of {@code holder}'s lease; false when the holder lost it (it lapsed and another took it). */
    boolean renew(ReconcileJob job, String holder, Instant until);

    /** Lets go of the lease at once, if {@code holder} still holds it. */
    void release(ReconcileJob job, String holder, Instant now);
}

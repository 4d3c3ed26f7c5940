package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.ReconcileJob;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A job's lease as one node holds it while running the job: renewed as the run goes, so that a crashed node's
 * lease lapses within {@code leaseFor} and another node takes the job over, and a node whose lease lapsed (it
 * stalled) stops instead of running beside the new holder.
 */
final class JobLease {

    private final ReconcileBookkeeping books;
    private final ReconcileJob job;
    private final String holder;
    private final Duration leaseFor;
    private final Clock clock;

    private JobLease(ReconcileBookkeeping books, ReconcileJob job, String holder, Duration leaseFor, Clock clock) {
        this.books = books;
        this.job = job;
        this.holder = holder;
        this.leaseFor = leaseFor;
        this.clock = clock;
    }

    /** The job's lease for {@code holder}; empty when it is held, by another node or by this one. */
    static Optional<JobLease> take(ReconcileBookkeeping books, ReconcileJob job, String holder, Duration leaseFor,
                                   Clock clock) {
        boolean taken = books.acquire(job, holder, clock.instant(), clock.instant().plus(leaseFor));
        return taken ? Optional.of(new JobLease(books, job, holder, leaseFor, clock)) : Optional.empty();
    }

    /**
     * Extends the lease by another {@code leaseFor} from now.
     *
     * @throws LeaseLostException when it lapsed and another node took the job, or this node is stopping: the run
     *                            must stop, its saved progress left for the next holder
     */
    void renew() {
        if (Thread.currentThread().isInterrupted()) {
            throw new LeaseLostException(job.dbValue() + " on " + holder + " stopped: the deployment is stopping");
        }
        if (!books.renew(job, holder, clock.instant().plus(leaseFor))) {
            throw new LeaseLostException(job + " lease of " + holder + " lapsed and was taken over");
        }
    }

    void release() {
        books.release(job, holder, clock.instant());
    }

    /** The lease lapsed while this node still ran the job; the run is left for its new holder to resume. */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String message) {
            super(message);
        }
    }
}

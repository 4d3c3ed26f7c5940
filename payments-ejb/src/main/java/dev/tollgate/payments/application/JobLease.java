package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A job's lease as one node holds it while running the job: renewed as the run goes (with every saved page, and
 * between its items once a third of the lease has passed, so a page slower than the lease keeps it), so that a
 * crashed node's lease lapses within {@code leaseFor} and another node takes the job over, and a node whose lease
 * lapsed (it stalled) stops instead of running beside the new holder, and never writes the run again.
 */
final class JobLease {

    private final ReconcileBookkeeping books;
    private final ReconcileJob job;
    private final String holder;
    private final Duration leaseFor;
    private final Clock clock;
    private Instant renewedAt;

    private JobLease(ReconcileBookkeeping books, ReconcileJob job, String holder, Duration leaseFor, Clock clock) {
        this.books = books;
        this.job = job;
        this.holder = holder;
        this.leaseFor = leaseFor;
        this.clock = clock;
        this.renewedAt = clock.instant();
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
        stopIfStopping();
        Instant now = clock.instant();
        if (!books.renew(job, holder, now.plus(leaseFor))) {
            throw lost();
        }
        renewedAt = now;
    }

    /** {@link #renew()} once a third of the lease has passed since the last renewal; between a page's items. */
    void renewIfDue() {
        stopIfStopping();
        if (!clock.instant().isBefore(renewedAt.plus(leaseFor.dividedBy(3)))) {
            renew();
        }
    }

    /**
     * Writes the run's progress and renews the lease, in one transaction, if this node still holds the job.
     *
     * @throws LeaseLostException when another node took the job over (nothing was written: the run is the new
     *                            holder's), or, after writing, when this node is stopping
     */
    void save(ReconcileRun run) {
        Instant now = clock.instant();
        if (!books.saveWhileHolding(run, holder, now.plus(leaseFor))) {
            throw lost();
        }
        renewedAt = now;
        stopIfStopping();
    }

    void release() {
        books.release(job, holder, clock.instant());
    }

    private void stopIfStopping() {
        if (Thread.currentThread().isInterrupted()) {
            throw new LeaseLostException(job.dbValue() + " on " + holder + " stopped: the deployment is stopping");
        }
    }

    private LeaseLostException lost() {
        return new LeaseLostException(job.dbValue() + " lease of " + holder + " lapsed and was taken over");
    }

    /** The lease lapsed while this node still ran the job; the run is left for its new holder to resume. */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String message) {
            super(message);
        }
    }
}

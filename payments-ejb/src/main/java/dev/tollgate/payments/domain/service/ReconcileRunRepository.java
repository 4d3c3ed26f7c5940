package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reconcile runs and their progress; joins the caller's transaction. */
public interface ReconcileRunRepository {

    /** Stores a new run and gives it its id. */
    void add(ReconcileRun run);

    Optional<ReconcileRun> find(long id);

    /** Writes back the run's progress, figures and status. */
    void update(ReconcileRun run);

    /** The job's run that is still marked running (its node stopped before finishing it), if any. */
    Optional<ReconcileRun> unfinished(ReconcileJob job);

    /** The newest event a completed catch-up listed: where the next one starts, less the overlap. */
    Optional<Instant> catchUpCheckpoint();

    /**
     * When the last completed healing drift scan started: its listing of paid Checkouts saw every one opened before
     * then that was complete when it listed.
     */
    Optional<Instant> purchaseCheckpoint();

    /**
     * The moment the last completed healing drift scan found every Checkout opened before it settled (none open,
     * none complete and still unpaid); empty when it did not, or when no such scan completed.
     */
    Optional<Instant> purchasesSettled();

    /** When the job last started a run that completed, or that is still running. */
    Optional<Instant> lastStarted(ReconcileJob job);

    /** The newest runs first, of every job. */
    List<ReconcileRun> recent(int limit);
}

package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.payments.domain.service.JobLeases;
import dev.tollgate.payments.domain.service.ReconcileRunRepository;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The short transactions around a reconcile run: its lease, its row and progress. Each call commits on its own, so
 * progress saved is kept when the run dies later, and no lock is held while Stripe is asked.
 */
@Stateless
@Dependent
@Transactional
public class ReconcileBookkeeping {

    @Inject
    JobLeases leases;

    @Inject
    ReconcileRunRepository runs;

    @Inject
    WebhookEventRepository events;

    public boolean acquire(ReconcileJob job, String holder, Instant now, Instant until) {
        return leases.acquire(job, holder, now, until);
    }

    public boolean renew(ReconcileJob job, String holder, Instant until) {
        return leases.renew(job, holder, until);
    }

    public void release(ReconcileJob job, String holder, Instant now) {
        leases.release(job, holder, now);
    }

    /**
     * Whether the job should run now: a run of it was interrupted (it resumes), or none started within
     * {@code every}. Asked while holding the job's lease, so no other node starts one in between.
     */
    public boolean isDue(ReconcileJob job, Instant now, java.time.Duration every) {
        if (runs.unfinished(job).isPresent()) {
            return true;
        }
        return runs.lastStarted(job).map(last -> !last.plus(every).isAfter(now)).orElse(true);
    }

    /**
     * The job's interrupted run, carried on by {@code node}; otherwise a new one. An interrupted run of the other
     * kind (a dry run when a healing scan is asked for, or the other way round) is closed as failed instead: a dry
     * run must not heal, and a healing scan must not stop at reporting.
     */
    public ReconcileRun startOrResume(ReconcileJob job, String node, boolean dryRun, Instant now) {
        Optional<ReconcileRun> interrupted = runs.unfinished(job);
        if (interrupted.isPresent() && interrupted.get().dryRun() == dryRun) {
            interrupted.get().resumeOn(node);
            runs.update(interrupted.get());
            return interrupted.get();
        }
        interrupted.ifPresent(other -> {
            other.fail(now, "interrupted, and not resumed: a " + (dryRun ? "dry run" : "healing run")
                    + " was asked for next");
            runs.update(other);
        });
        ReconcileRun run = ReconcileRun.starting(job, node, dryRun, now);
        runs.add(run);
        return run;
    }

    public void save(ReconcileRun run) {
        runs.update(run);
    }

    /**
     * Writes the run's progress if {@code holder} still holds the run's job, extending the lease to {@code until}
     * in the same transaction, whose lock on the lease row keeps every other node off the job until it commits.
     *
     * @return false, and nothing written, when the lease was taken over: the new holder's run is left alone
     */
    public boolean saveWhileHolding(ReconcileRun run, String holder, Instant until) {
        if (!leases.renew(run.job(), holder, until)) {
            return false;
        }
        runs.update(run);
        return true;
    }

    public Optional<Instant> catchUpCheckpoint() {
        return runs.catchUpCheckpoint();
    }

    public Optional<Instant> purchaseCheckpoint() {
        return runs.purchaseCheckpoint();
    }

    public Optional<Instant> purchasesSettled() {
        return runs.purchasesSettled();
    }

    /** Which of these events the log has an entry for. */
    public Set<String> logged(Collection<String> eventIds) {
        return events.known(eventIds);
    }
}

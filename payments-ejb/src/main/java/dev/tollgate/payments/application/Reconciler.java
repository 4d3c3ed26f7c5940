package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.payments.domain.model.ReconcileSettings;
import dev.tollgate.payments.domain.service.PoliteStripeCalls;
import dev.tollgate.payments.domain.service.StripeGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the reconcile jobs ({@link CatchUp}, {@link DriftScan}) on at most one node at a time: a node runs a job only
 * while it holds the job's lease in the database, paced to the configured Stripe requests per second. The schedule
 * asks {@link #runIfDue}; the console and the admin API ask {@link #start} on the request's thread (the lease and
 * the run's row, so the admin is shown the run at once) and {@link #carryOn} on a background thread.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());

    /** This deployment among the nodes: the JVM (pid@host) and this WAR instance in it. */
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    ReconcileBookkeeping books;

    @Inject
    CatchUp catchUp;

    @Inject
    DriftScan driftScan;

    @Inject
    StripeGateway stripe;

    @Inject
    ReconcileSettings settings;

    @Inject
    Clock clock;

    /**
     * Runs the job when it is due (its interval passed since the last run started, or a run was interrupted) and no
     * other node holds it. Whether it is due is read while holding the lease, so of several nodes woken at the same
     * moment one runs it and the others find it done.
     *
     * @return the run, when this node ran one
     */
    public Optional<ReconcileRun> runIfDue(ReconcileJob job, Consumer<EntitlementChanged> publish) {
        if (settings.every(job).isZero()) {
            return Optional.empty();
        }
        return withLease(job, lease -> books.isDue(job, clock.instant(), settings.every(job))
                ? Optional.of(work(books.startOrResume(job, node, false, clock.instant()), lease, publish))
                : Optional.empty());
    }

    /**
     * Runs the job now, or resumes its interrupted run, on the caller's thread.
     *
     * @param dryRun for a drift scan: only record the differences, heal nothing
     * @return the run; empty when the job is running already (on another node, or on this one)
     */
    public Optional<ReconcileRun> runNow(ReconcileJob job, boolean dryRun, Consumer<EntitlementChanged> publish) {
        return start(job, dryRun).map(started -> carryOn(started, publish));
    }

    /**
     * Takes the job's lease and writes its run's row (a new run, or the interrupted one resumed); the work is left
     * to {@link #carryOn}, which must follow (or {@link #abandon}), since the lease is held until then.
     *
     * @return empty when the job is running already (on another node, or on this one)
     */
    public Optional<StartedRun> start(ReconcileJob job, boolean dryRun) {
        Optional<JobLease> lease = JobLease.take(books, job, node, settings.leaseFor(), clock);
        if (lease.isEmpty()) {
            LOG.fine(() -> job.dbValue() + " is running already");
            return Optional.empty();
        }
        try {
            return Optional.of(new StartedRun(books.startOrResume(job, node, dryRun, clock.instant()), lease.get()));
        } catch (RuntimeException failed) {
            lease.get().release();
            throw failed;
        }
    }

    /** Does the started run's work, records how it ended, and lets the lease go. */
    public ReconcileRun carryOn(StartedRun started, Consumer<EntitlementChanged> publish) {
        try {
            return work(started.run(), started.lease, publish);
        } finally {
            started.lease.release();
        }
    }

    /** A started run that will not be carried on (no thread took it): recorded as failed, its lease let go. */
    public void abandon(StartedRun started, String reason) {
        try {
            started.run().fail(clock.instant(), reason);
            started.lease.save(started.run());
        } catch (JobLease.LeaseLostException lost) {
            LOG.warning(() -> "Reconcile run " + started.run().id() + " abandoned: " + lost.getMessage());
        } finally {
            started.lease.release();
        }
    }

    /** How often the schedule looks whether a job is due (see {@link ReconcileSettings#checkEvery()}). */
    public Duration checkEvery() {
        return settings.checkEvery();
    }

    /** This node's name in the lease and the runs it records. */
    public String node() {
        return node;
    }

    private Optional<ReconcileRun> withLease(ReconcileJob job,
                                             java.util.function.Function<JobLease, Optional<ReconcileRun>> work) {
        Optional<JobLease> lease = JobLease.take(books, job, node, settings.leaseFor(), clock);
        if (lease.isEmpty()) {
            LOG.fine(() -> job.dbValue() + " is running already");
            return Optional.empty();
        }
        try {
            return work.apply(lease.get());
        } finally {
            lease.get().release();
        }
    }

    private ReconcileRun work(ReconcileRun run, JobLease lease, Consumer<EntitlementChanged> publish) {
        ReconcileJob job = run.job();
        LOG.info(() -> "Reconcile " + job.dbValue() + " run " + run.id() + " started on " + node
                + run.progress().map(done -> ", resuming after " + done).orElse(""));
        try (PoliteStripeCalls calls = stripe.politely(settings.requestsPerSecond())) {
            if (job == ReconcileJob.CATCH_UP) {
                catchUp.run(run, lease, calls, publish);
            } else {
                driftScan.run(run, lease, calls, publish);
            }
            run.complete(clock.instant());
            lease.save(run);
            LOG.info(() -> "Reconcile " + run);
        } catch (JobLease.LeaseLostException lost) {
            // another node holds the job now and resumes this run from its saved progress
            LOG.warning(() -> "Reconcile " + job.dbValue() + " run " + run.id() + " stopped: " + lost.getMessage());
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Reconcile " + job.dbValue() + " run " + run.id() + " failed", failed);
            run.fail(clock.instant(), failed.getClass().getSimpleName() + ": " + failed.getMessage());
            try {
                lease.save(run);
            } catch (JobLease.LeaseLostException lost) {
                LOG.warning(() -> "Reconcile " + job.dbValue() + " run " + run.id() + ": its failure is not recorded, "
                        + lost.getMessage());
            }
        }
        return run;
    }

    /** A run whose lease this node holds and whose row is written, waiting for {@link #carryOn}. */
    public static final class StartedRun {

        private final ReconcileRun run;
        private final JobLease lease;

        private StartedRun(ReconcileRun run, JobLease lease) {
            this.run = run;
            this.lease = lease;
        }

        public ReconcileRun run() {
            return run;
        }
    }
}

package dev.tollgate.web.startup;

import dev.tollgate.payments.application.Reconciler;
import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.web.EntitlementPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wakes every {@link #checkEvery()} on every payments node and runs the reconcile jobs that are due
 * ({@code PAYMENTS_RECONCILE_CATCH_UP_MINUTES}, {@code PAYMENTS_RECONCILE_DRIFT_HOURS}); the database lease lets one
 * node run each. Changes are published to this JVM's board like every other committed change.
 */
@ApplicationScoped
public class ReconcileSchedule {

    private static final Logger LOG = Logger.getLogger(ReconcileSchedule.class.getName());

    @Inject
    Reconciler reconciler;

    @Inject
    EntitlementPublisher publisher;

    /** How often a node looks whether a job is due; a job runs at most this much later than its interval says. */
    public Duration checkEvery() {
        return reconciler.checkEvery();
    }

    public void runDueJobs() {
        for (ReconcileJob job : ReconcileJob.values()) {
            if (Thread.currentThread().isInterrupted()) {
                return; // the WAR is stopping
            }
            try {
                reconciler.runIfDue(job, change -> publisher.publishCommitted(List.of(change)));
            } catch (RuntimeException failed) {
                // e.g. the database is down: logged, and tried again at the next wake-up
                LOG.log(Level.WARNING, "Reconcile " + job.dbValue() + " could not start: " + failed);
            }
        }
    }
}

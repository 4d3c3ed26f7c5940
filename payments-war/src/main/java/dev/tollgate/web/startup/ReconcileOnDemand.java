package dev.tollgate.web.startup;

import dev.tollgate.payments.application.Reconciler;
import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.web.EntitlementPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * A reconcile run an admin asks for: started on the request's thread (the job's database lease and the run's row,
 * so the answer can name the run, or say the job is running already), then carried on by {@link BackgroundRuns} while
 * the admin watches its progress. The lease is the same one the schedule takes: one run of a job on all nodes.
 */
@ApplicationScoped
public class ReconcileOnDemand {

    private static final Logger LOG = Logger.getLogger(ReconcileOnDemand.class.getName());

    @Inject
    Reconciler reconciler;

    @Inject
    EntitlementPublisher publisher;

    private volatile Executor executor;

    /** A run under way: its row as it started, and how it ends. */
    public record Launched(ReconcileRun run, CompletableFuture<ReconcileRun> finished) {
    }

    /** Given by {@link PaymentsStartup} once the executor is found. */
    void runOn(Executor backgroundExecutor) {
        this.executor = backgroundExecutor;
    }

    /** @return empty when the job is running already, on this node or another */
    public Optional<Launched> start(ReconcileJob job, boolean dryRun) {
        Executor background = executor;
        if (background == null) {
            throw new IllegalStateException("the payments module has not started");
        }
        Optional<Reconciler.StartedRun> started = reconciler.start(job, dryRun);
        if (started.isEmpty()) {
            return Optional.empty();
        }
        try {
            CompletableFuture<ReconcileRun> finished = CompletableFuture.supplyAsync(() -> reconciler.carryOn(
                    started.get(), change -> publisher.publishCommitted(List.of(change))), background);
            return Optional.of(new Launched(started.get().run(), finished));
        } catch (RejectedExecutionException stopping) {
            LOG.warning(() -> "Reconcile " + job.dbValue() + " not started: " + stopping);
            reconciler.abandon(started.get(), "not started: the deployment is stopping");
            throw stopping;
        }
    }

    /** This node's name, as the runs it makes record it. */
    public String node() {
        return reconciler.node();
    }
}

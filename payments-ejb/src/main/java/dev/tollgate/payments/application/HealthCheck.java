package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.service.CreditLedger;
import dev.tollgate.payments.domain.model.StripeMode;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.payments.domain.service.DriftRepository;
import dev.tollgate.payments.domain.service.ReconcileRunRepository;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an operator needs to see at a glance: is the database answering through the same path the money takes,
 * and are events being refused or left unmatched (one in eight "paid but no access" reports is a test/live mix-up).
 */
@Stateless
@Dependent
@Transactional
public class HealthCheck {

    /** A source key no grant ever has: the probe below reads nothing, through the persistence unit. */
    private static final String PROBE = "health-probe";

    @Inject
    WebhookEventRepository events;

    @Inject
    CreditLedger credits;

    @Inject
    StripeMode mode;

    @Inject
    ReconcileRunRepository runs;

    @Inject
    DriftRepository drifts;

    @Inject
    StripeKeyPermissions keyPermissions;

    /** Runs the check; a failure to reach the database surfaces as an exception. */
    public HealthReport check() {
        // The credit ledger is the one table behind the persistence unit: reading it here makes a deployment whose
        // unit cannot start fail at start-up (PaymentsLifecycle runs this) and /health say DOWN, instead of a
        // customer's first credit purchase failing.
        credits.findBySource(PROBE);
        long refused = events.countWithStatus(EventStatus.REFUSED);
        long unmatched = events.countWithStatus(EventStatus.UNMATCHED);
        long failing = events.countWithStatus(EventStatus.FAILED);
        List<String> problems = new ArrayList<>();
        if (refused > 0) {
            problems.add(refused + " webhook event(s) refused (e.g. live events sent to this " + mode.label()
                    + "-mode endpoint)");
        }
        if (unmatched > 0) {
            problems.add(unmatched + " webhook event(s) name a customer that matches no user");
        }
        if (failing > 0) {
            problems.add(failing + " webhook event(s) failed: Stripe retries them, except those whose object it answered"
                    + " 404 for (their error says 'not retried')");
        }
        long openDrift = drifts.countOpen();
        if (openDrift > 0) {
            problems.add(openDrift + " difference(s) from Stripe found by a drift scan and not healed (a dry run's,"
                    + " or a fix that failed)");
        }
        List<ReconcileRun> recent = runs.recent(RECENT_RUNS);
        Optional<ReconcileRun> lastCatchUp = last(recent, ReconcileJob.CATCH_UP);
        Optional<ReconcileRun> lastDriftScan = last(recent, ReconcileJob.DRIFT_SCAN);
        for (Optional<ReconcileRun> last : List.of(lastCatchUp, lastDriftScan)) {
            last.filter(run -> run.status() == ReconcileRun.Status.FAILED).ifPresent(run -> problems.add(
                    "the last " + run.job().dbValue() + " failed: " + run.lastError().orElse("")));
        }
        problems.addAll(keyPermissions.problems());
        return new HealthReport(mode.label(), refused, unmatched, failing, openDrift, lastCatchUp, lastDriftScan,
                problems);
    }

    /** Enough runs to find the last of each job: a few catch-ups run for every drift scan. */
    private static final int RECENT_RUNS = 100;

    private static Optional<ReconcileRun> last(List<ReconcileRun> newestFirst, ReconcileJob job) {
        return newestFirst.stream().filter(run -> run.job() == job).findFirst();
    }

    /** The figures behind {@code /health}. */
    public record HealthReport(String stripeMode, long refusedEvents, long unmatchedEvents, long failingEvents,
                               long openDrift, Optional<ReconcileRun> lastCatchUp,
                               Optional<ReconcileRun> lastDriftScan, List<String> problems) {
        public HealthReport {
            problems = List.copyOf(problems);
        }
    }
}

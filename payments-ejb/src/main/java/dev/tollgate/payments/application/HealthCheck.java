package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.service.CreditLedger;
import dev.tollgate.payments.domain.model.StripeMode;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

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
        return new HealthReport(mode.label(), refused, unmatched, failing, problems);
    }

    /** The figures behind {@code /health}. */
    public record HealthReport(String stripeMode, long refusedEvents, long unmatchedEvents, long failingEvents,
                               List<String> problems) {
        public HealthReport {
            problems = List.copyOf(problems);
        }
    }
}

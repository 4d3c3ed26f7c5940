package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EventCount;
import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.payments.domain.service.DriftRepository;
import dev.tollgate.payments.domain.service.ReconcileRunRepository;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The figures a monitoring system scrapes that the database already knows, read in one short transaction: events by
 * type and status, the open drift, the last run of each reconcile job. They are the same on every node.
 */
@Stateless
@Dependent
@Transactional
public class PaymentsFigures {

    /** Enough runs to find the last of each job: a few catch-ups run for every drift scan. */
    private static final int RECENT_RUNS = 100;

    @Inject
    WebhookEventRepository events;

    @Inject
    ReconcileRunRepository runs;

    @Inject
    DriftRepository drifts;

    public Figures read() {
        Map<ReconcileJob, ReconcileRun> lastRuns = new EnumMap<>(ReconcileJob.class);
        for (ReconcileRun run : runs.recent(RECENT_RUNS)) {
            lastRuns.putIfAbsent(run.job(), run);
        }
        return new Figures(events.countByTypeAndStatus(), drifts.countOpen(), lastRuns);
    }

    /** What {@link #read()} found; {@code lastRuns} holds each job's newest run, finished or not. */
    public record Figures(List<EventCount> events, long openDrift, Map<ReconcileJob, ReconcileRun> lastRuns) {
        public Figures {
            events = List.copyOf(events);
            lastRuns = Map.copyOf(lastRuns);
        }
    }
}

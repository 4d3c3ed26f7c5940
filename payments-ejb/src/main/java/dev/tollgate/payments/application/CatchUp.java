package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.payments.domain.model.ReconcileSettings;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.StripePage;
import dev.tollgate.payments.domain.service.PoliteStripeCalls;
import dev.tollgate.payments.domain.service.StripeGateway;
import dev.tollgate.payments.domain.service.WebhookVerification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Brings in what webhooks missed: lists Stripe's events of the handled types since the last checkpoint less the
 * overlap, 100 per call, and passes every one the log has never seen through the same pipeline as a delivery
 * ({@link WebhookIntake#receiveListed}, logged with source {@code reconcile}). Order does not matter to the
 * outcome: the pipeline takes a state only when it is newer than ours. It matters to the cost: Stripe lists newest
 * first, and a checkout's {@code checkout.session.completed} (its newest event) carries no subscription state, so
 * taken first it makes the pipeline ask Stripe; each page is applied oldest first instead, so the subscription's
 * own event brings the state and the later ones find it. Progress is saved after every page.
 */
@ApplicationScoped
public class CatchUp {

    @Inject
    StripeGateway stripe;

    @Inject
    WebhookIntake intake;

    @Inject
    WebhookVerification endpoint;

    @Inject
    ReconcileBookkeeping books;

    @Inject
    ReconcileSettings settings;

    @Inject
    Clock clock;

    void run(ReconcileRun run, JobLease lease, PoliteStripeCalls calls, Consumer<EntitlementChanged> publish) {
        Instant from = run.listedFrom().orElseGet(() -> settings.listFrom(books.catchUpCheckpoint(), clock.instant()));
        Instant newest = run.listedUpTo().orElse(null);
        run.listing(from, newest);
        Set<String> types = EventHandlers.handledTypes();
        Optional<String> cursor = run.progress();
        StripePage<StripeEvent> page;
        do {
            long callsBefore = calls.callsMade();
            page = stripe.events(from, types, cursor);
            List<StripeEvent> listed = page.items();
            Set<String> logged = books.logged(listed.stream().map(StripeEvent::id).toList());
            long passed = 0;
            for (StripeEvent event : oldestFirst(listed)) {
                lease.renewIfDue();
                newest = newest == null || event.created().isAfter(newest) ? event.created() : newest;
                // an event of the other mode cannot be listed with this key; skipped all the same, never applied
                if (!logged.contains(event.id()) && event.livemode() == endpoint.liveMode()) {
                    passed++;
                    if (intake.receiveListed(event) instanceof WebhookReceipt.Acknowledged acknowledged) {
                        acknowledged.changes().forEach(publish);
                    }
                }
            }
            if (!listed.isEmpty()) {
                cursor = Optional.of(listed.get(listed.size() - 1).id());
            }
            run.listing(from, newest);
            run.progressed(cursor.orElse(null), calls.callsMade() - callsBefore, listed.size(), passed, 0);
            lease.save(run);
        } while (page.hasMore());
    }

    private static List<StripeEvent> oldestFirst(List<StripeEvent> newestFirst) {
        List<StripeEvent> events = new ArrayList<>(newestFirst);
        Collections.reverse(events);
        return events;
    }
}

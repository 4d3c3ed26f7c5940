package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.ListedOrder;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
 * taken first it makes the pipeline ask Stripe; events are applied oldest first instead, so the subscription's
 * own event brings the state and the later ones find it. A change whose events a page boundary splits would still
 * ask (its newer events on one page, its subscription's on the next), so the events within {@link #ONE_CHANGE} of
 * a page's oldest wait for the next page and are applied with it. Progress (the oldest event applied) is saved
 * after every page; a resumed run lists the waiting events again. Two states of one subscription in one second
 * are ordered by the listing, not by asking Stripe, and a signal (an invoice, a Checkout) whose subscription's own
 * later event is applied in this run waits for it ({@link ListedOrder}).
 */
@ApplicationScoped
public class CatchUp {

    /** How far apart the events of one change lie at most: a checkout's or a renewal's come within seconds. */
    static final Duration ONE_CHANGE = Duration.ofSeconds(10);
    /** How many listed events may wait for the next page by time: three pages. */
    static final int MOST_HELD = 300;
    /** In a burst, the customers of this many of the last listed events wait (see {@link #completeChanges}). */
    static final int BURST_TAIL = 100;
    /** Never more wait than this: a few MB of payloads. */
    static final int MOST_EVER_HELD = 2_000;

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
        Optional<String> listedAfter = run.progress();
        List<StripeEvent> held = new ArrayList<>(); // listed, not applied yet; newest first, as listed
        ListedOrder order = new ListedOrder();
        StripePage<StripeEvent> page;
        do {
            long callsBefore = calls.callsMade();
            page = stripe.events(from, types, listedAfter);
            List<StripeEvent> listed = page.items();
            for (StripeEvent event : listed) {
                newest = newest == null || event.created().isAfter(newest) ? event.created() : newest;
            }
            if (!listed.isEmpty()) {
                listedAfter = Optional.of(listed.get(listed.size() - 1).id());
            }
            held.addAll(listed);
            listed.forEach(order::listed);
            List<StripeEvent> ready = page.hasMore() ? completeChanges(held) : List.copyOf(held);
            held.subList(0, ready.size()).clear();
            long passed;
            try (ListedOrder.Scope listing = order.open()) {
                passed = apply(ready, order, lease, publish);
            }
            run.listing(from, newest);
            // resumed after the oldest event applied: the ones held back are listed again, and counted only then
            run.progressed(ready.isEmpty() ? run.progress().orElse(null) : ready.get(ready.size() - 1).id(),
                    calls.callsMade() - callsBefore, ready.size(), passed, 0);
            lease.save(run);
        } while (page.hasMore());
    }

    /**
     * The events listed so far whose change no later (older) page can add to: all but those within
     * {@link #ONE_CHANGE} of the oldest listed. In a burst, when more than {@link #MOST_HELD} would wait that way,
     * the customers of the last {@link #BURST_TAIL} listed wait with every event of theirs: there many changes
     * interleave within seconds, and only a customer split by the cut would be split. Past {@link #MOST_EVER_HELD}
     * nothing waits, so memory stays bounded (a change split there costs a fetch).
     */
    private static List<StripeEvent> completeChanges(List<StripeEvent> heldNewestFirst) {
        Instant oldest = heldNewestFirst.get(heldNewestFirst.size() - 1).created();
        List<StripeEvent> ready = newerThan(heldNewestFirst, oldest.plus(ONE_CHANGE));
        if (heldNewestFirst.size() - ready.size() <= MOST_HELD) {
            return ready;
        }
        if (heldNewestFirst.size() > MOST_EVER_HELD) {
            return List.copyOf(heldNewestFirst);
        }
        return List.copyOf(heldNewestFirst.subList(0, cutBeforeLastCustomers(heldNewestFirst)));
    }

    /** The first place from which on every event's customer has no event listed before it. */
    private static int cutBeforeLastCustomers(List<StripeEvent> heldNewestFirst) {
        int cut = Math.max(0, heldNewestFirst.size() - BURST_TAIL);
        boolean moved = true;
        while (moved && cut > 0) {
            Set<String> waiting = new HashSet<>();
            heldNewestFirst.subList(cut, heldNewestFirst.size()).forEach(event -> waiting.add(customerOf(event)));
            moved = false;
            for (int place = 0; place < cut && !moved; place++) {
                if (waiting.contains(customerOf(heldNewestFirst.get(place)))) {
                    cut = place;
                    moved = true;
                }
            }
        }
        return cut;
    }

    private static String customerOf(StripeEvent event) {
        return event.customerId().orElse(event.objectId());
    }

    private static List<StripeEvent> newerThan(List<StripeEvent> newestFirst, Instant moment) {
        int count = 0;
        while (count < newestFirst.size() && newestFirst.get(count).created().isAfter(moment)) {
            count++;
        }
        return List.copyOf(newestFirst.subList(0, count));
    }

    /**
     * Passes each event the log has not seen through the pipeline, oldest first, the listing's order open for it to
     * settle ties of one second by ({@link ListedOrder}); answers how many.
     */
    private long apply(List<StripeEvent> newestFirst, ListedOrder order, JobLease lease,
                       Consumer<EntitlementChanged> publish) {
        if (newestFirst.isEmpty()) {
            return 0;
        }
        Set<String> logged = books.logged(newestFirst.stream().map(StripeEvent::id).toList());
        // an event of the other mode cannot be listed with this key; skipped all the same, never applied
        List<StripeEvent> unseen = oldestFirst(newestFirst).stream()
                .filter(event -> !logged.contains(event.id()) && event.livemode() == endpoint.liveMode()).toList();
        order.willPass(unseen);
        for (StripeEvent event : unseen) {
            lease.renewIfDue();
            order.applying(event);
            if (intake.receiveListed(event) instanceof WebhookReceipt.Acknowledged acknowledged) {
                acknowledged.changes().forEach(publish);
            }
        }
        return unseen.size();
    }

    private static List<StripeEvent> oldestFirst(List<StripeEvent> newestFirst) {
        List<StripeEvent> events = new ArrayList<>(newestFirst);
        Collections.reverse(events);
        return events;
    }
}

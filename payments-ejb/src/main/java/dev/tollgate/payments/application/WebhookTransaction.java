package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.service.EventAlreadyClaimedException;
import dev.tollgate.payments.domain.model.AttemptOutcome;
import dev.tollgate.payments.domain.model.ChangeCause;
import dev.tollgate.payments.domain.model.EventOutcome;
import dev.tollgate.payments.domain.model.EventSource;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.WebhookEvent;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The transaction of one event: its entry in the event log, its effect and this attempt ({@link AttemptLog})
 * commit together or not at all. An event with nothing to apply needs none: its claim, which keeps the attempt in
 * the entry itself, is the whole of it ({@link #claimIfSettled}). Used by {@link WebhookProcessor}, which starts a
 * second transaction when a delivery raced a concurrent delivery of its event.
 */
@Stateless
@Dependent
@Transactional
public class WebhookTransaction {

    @Inject
    WebhookEventRepository events;

    @Inject
    EventHandlers handlers;

    @Inject
    AttemptLog attempts;

    @Inject
    Clock clock;

    /**
     * A delivery of an event that {@link #claimIfSettled} did not settle: claims it and applies it, or, when the
     * event has an entry already, hands over to {@link #applyClaimed}.
     *
     * @param askedOnTie Stripe's answer for a tie that an earlier run of this event met and rolled back for
     *                   ({@link CustomerSync#settlingTiesOutsideTheLock}); empty on a first run
     * @throws TieNeedsStripeException when the event's subscription state ties with our record and nothing was
     *                                 asked of Stripe yet; nothing was done, and the transaction is lost
     * @throws EventAlreadyClaimedException when a concurrent delivery of the event committed its claim while this
     *                                      one waited for it; nothing was done, and the transaction is lost
     */
    public WebhookOutcome claimAndApply(StripeEvent event, EventSource source,
                                        Optional<StripeAnswer<Subscription>> askedOnTie) {
        return claimAndApply(event, source, askedOnTie, attempts.start());
    }

    private WebhookOutcome claimAndApply(StripeEvent event, EventSource source,
                                         Optional<StripeAnswer<Subscription>> askedOnTie, Instant startedAt) {
        // The entry is inserted with the outcome it will most likely have ("processed"), so that the usual event
        // costs this one insert and no update; the transaction commits both or neither.
        HandlerResult expected = HandlerResult.processed(Optional.empty());
        EventOutcome claimed = EventOutcome.first(expected.status(), clock.instant(), expected.note());
        Optional<EventOutcome> existing = events.claim(new WebhookEvent(event, source, startedAt, claimed));
        if (existing.isPresent()) {
            return applyClaimed(event, source, askedOnTie, startedAt, existing.get());
        }
        HandlerResult result = handled(event, source, askedOnTie);
        if (!result.sameOutcomeAs(expected)) {
            events.recordOutcome(event.id(), claimed.reached(result.status(), clock.instant(), result.note()));
        }
        attempts.record(event.id(), source, startedAt, AttemptOutcome.of(result.status()), result.note());
        return new WebhookOutcome(result.status().dbValue(), result.changes());
    }

    /**
     * A delivery of an event with nothing to apply ({@link EventHandlers#settledBeforeClaim}: a type Tollgate
     * ignores, an invoice its subscription record already reflects), claimed with its outcome and this attempt in
     * one write. It needs no transaction: that write is the whole of it and commits on its own, so the usual
     * delivery costs no second round trip to commit. An entry that is there already and final makes this delivery a
     * duplicate, its attempt written alike; nothing may change such an entry, so nothing is locked.
     *
     * @return empty when the event must be applied in a transaction ({@link #claimAndApply}): it has something to
     *         apply, or an entry whose earlier attempt failed
     * @throws EventAlreadyClaimedException when a concurrent delivery of the event committed its claim first
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<WebhookOutcome> claimIfSettled(StripeEvent event, EventSource source) {
        Instant startedAt = attempts.start();
        Optional<HandlerResult> settled = handlers.settledBeforeClaim(event);
        if (settled.isEmpty()) {
            return Optional.empty();
        }
        HandlerResult result = settled.get();
        EventOutcome outcome = EventOutcome.first(result.status(), clock.instant(), result.note());
        Optional<EventOutcome> existing = events.claimWithAttempt(new WebhookEvent(event, source, startedAt, outcome),
                attempts.settledNow(event.id(), source, startedAt, AttemptOutcome.of(result.status()), result.note()));
        if (existing.isEmpty()) {
            return Optional.of(new WebhookOutcome(result.status().dbValue(), result.changes()));
        }
        if (!existing.get().status().isFinal()) {
            return Optional.empty();
        }
        attempts.record(event.id(), source, startedAt, AttemptOutcome.DUPLICATE, null);
        return Optional.of(WebhookOutcome.duplicate());
    }

    /**
     * An admin's replay of an event in the log: applied now when it never took effect (it failed, or its customer
     * matched no user then); an event that was applied, ignored or refused is left as it is, so a replay never
     * applies anything twice. The entry is locked, so a replay and a delivery of one event queue up.
     *
     * @param askedOnTie as for {@link #claimAndApply}
     * @return empty when the log has no such event
     */
    public Optional<WebhookOutcome> replay(StripeEvent event, Optional<StripeAnswer<Subscription>> askedOnTie) {
        Instant startedAt = attempts.start();
        Optional<EventOutcome> earlier = events.lockedOutcome(event.id());
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        EventStatus status = earlier.get().status();
        if (status != EventStatus.FAILED && status != EventStatus.UNMATCHED) {
            attempts.record(event.id(), EventSource.REPLAY, startedAt, AttemptOutcome.DUPLICATE, null);
            return Optional.of(new WebhookOutcome(status.dbValue(), java.util.List.of()));
        }
        HandlerResult result = handled(event, EventSource.REPLAY, askedOnTie);
        events.recordOutcome(event.id(), earlier.get().nextAttempt(result.status(), clock.instant(), result.note()));
        attempts.record(event.id(), EventSource.REPLAY, startedAt, AttemptOutcome.of(result.status()), result.note());
        return Optional.of(new WebhookOutcome(result.status().dbValue(), result.changes()));
    }

    /**
     * A delivery of an event that has an entry: a duplicate when that entry is final, otherwise (an earlier
     * attempt failed) the event is applied now. The entry is locked, so two such deliveries queue up.
     *
     * @param askedOnTie as for {@link #claimAndApply}
     */
    public WebhookOutcome applyClaimed(StripeEvent event, EventSource source,
                                       Optional<StripeAnswer<Subscription>> askedOnTie) {
        Instant startedAt = attempts.start();
        Optional<EventOutcome> earlier = events.lockedOutcome(event.id());
        if (earlier.isEmpty()) {
            // deleted since the claim met it: a first delivery after all
            return claimAndApply(event, source, askedOnTie, startedAt);
        }
        return applyClaimed(event, source, askedOnTie, startedAt, earlier.get());
    }

    /** {@link #applyClaimed(StripeEvent, EventSource, Optional)} with the entry's outcome read and locked already. */
    private WebhookOutcome applyClaimed(StripeEvent event, EventSource source,
                                        Optional<StripeAnswer<Subscription>> askedOnTie, Instant startedAt,
                                        EventOutcome earlier) {
        if (earlier.status().isFinal()) {
            attempts.record(event.id(), source, startedAt, AttemptOutcome.DUPLICATE, null);
            return WebhookOutcome.duplicate();
        }
        HandlerResult result = handled(event, source, askedOnTie);
        events.recordOutcome(event.id(), earlier.nextAttempt(result.status(), clock.instant(), result.note()));
        attempts.record(event.id(), source, startedAt, AttemptOutcome.of(result.status()), result.note());
        return new WebhookOutcome(result.status().dbValue(), result.changes());
    }

    /** The event applied, its id the cause of every entitlement change it makes (a reconcile's catch-up included). */
    private HandlerResult handled(StripeEvent event, EventSource source,
                                  Optional<StripeAnswer<Subscription>> askedOnTie) {
        try (ChangeCause.Scope cause = ChangeCause.event(source, event.id()).open()) {
            return handlers.handle(event, askedOnTie);
        }
    }
}

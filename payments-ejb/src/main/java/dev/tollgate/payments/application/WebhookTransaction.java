package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.WebhookEvent;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * The transaction of one event: its entry in the event log and its effect commit together or not at all. Used by
 * {@link WebhookProcessor}, which decides which of the two ways in a delivery takes.
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
    Clock clock;

    /**
     * A delivery of an event we have no entry for: inserts the claim, then applies the event.
     *
     * @throws EventAlreadyClaimedException when the event has an entry already (committed, or committed by a
     *                                      concurrent delivery while this insert waited for it); nothing was done
     */
    public WebhookOutcome claimAndApply(StripeEvent event) {
        Optional<HandlerResult> ignored = handlers.ignoredOutright(event);
        // The entry is inserted with the outcome it will most likely have (an ignored type's, or "processed"), so
        // that the usual event costs this one insert and no update; the transaction commits both or neither.
        HandlerResult expected = ignored.orElse(HandlerResult.processed(Optional.empty()));
        WebhookEvent entry = new WebhookEvent(event, WebhookProcessor.SOURCE_WEBHOOK, clock.instant());
        entry.finish(expected.status(), clock.instant(), expected.note());
        events.claim(entry);
        return settle(entry, ignored.orElseGet(() -> handlers.handle(event)));
    }

    /**
     * A delivery whose claim met an existing entry: a duplicate when that entry is final, otherwise (an earlier
     * attempt failed) the event is applied now. The entry is locked, so two such deliveries queue up.
     */
    public WebhookOutcome applyClaimed(StripeEvent event) {
        Optional<WebhookEvent> earlier = events.findForUpdate(event.id());
        if (earlier.isEmpty()) {
            return claimAndApply(event); // deleted since the insert failed: a first delivery after all
        }
        if (earlier.get().status().isFinal()) {
            return WebhookOutcome.duplicate();
        }
        earlier.get().countAttempt();
        return settle(earlier.get(), handlers.handle(event));
    }

    /** Records the outcome; an entry that already says so is not written again. */
    private WebhookOutcome settle(WebhookEvent entry, HandlerResult result) {
        entry.finish(result.status(), clock.instant(), result.note());
        return new WebhookOutcome(result.status().dbValue(), result.changes());
    }
}

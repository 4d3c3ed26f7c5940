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
 * Applies a verified Stripe event exactly once: the event is claimed in the same transaction as its effect, so
 * either both commit or neither does (ARCHITECTURE.md rule 1). A concurrent second claim of the same id fails on
 * the primary key and is reported by the caller as a duplicate.
 */
@Stateless
@Dependent
@Transactional
public class WebhookProcessor {

    static final String SOURCE_WEBHOOK = "webhook";

    @Inject
    WebhookEventRepository events;

    @Inject
    EventHandlers handlers;

    @Inject
    Clock clock;

    public WebhookOutcome process(StripeEvent event) {
        Optional<WebhookEvent> earlier = events.findForUpdate(event.id());
        if (earlier.isPresent() && earlier.get().status().isFinal()) {
            return WebhookOutcome.duplicate();
        }
        WebhookEvent logEntry = earlier.orElseGet(() -> new WebhookEvent(event, SOURCE_WEBHOOK, clock.instant()));
        if (earlier.isPresent()) {
            logEntry.countAttempt();
        } else {
            events.claim(logEntry);
        }
        HandlerResult result = handlers.handle(event);
        logEntry.finish(result.status(), clock.instant(), result.note());
        return new WebhookOutcome(result.status().dbValue(), result.changes());
    }
}

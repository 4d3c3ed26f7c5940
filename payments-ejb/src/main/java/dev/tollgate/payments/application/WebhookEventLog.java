package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EventStatus;
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
 * Records what went wrong with an event, in a transaction of its own: the processing transaction has already
 * rolled back, and the attempt must still be visible to admins.
 */
@Stateless
@Dependent
@Transactional
public class WebhookEventLog {

    @Inject
    WebhookEventRepository events;

    @Inject
    Clock clock;

    public void recordFailure(StripeEvent event, String error) {
        Optional<WebhookEvent> earlier = events.findForUpdate(event.id());
        if (earlier.isPresent()) {
            if (!earlier.get().status().isFinal()) {
                earlier.get().countAttempt();
                earlier.get().recordFailure(error);
            }
            return;
        }
        WebhookEvent entry = new WebhookEvent(event, WebhookProcessor.SOURCE_WEBHOOK, clock.instant());
        entry.recordFailure(error);
        events.claim(entry);
    }

    /** An event refused before processing (e.g. a live event at a test-mode endpoint); kept for diagnosis. */
    public void recordRefused(StripeEvent event, String reason) {
        if (events.find(event.id()).isPresent()) {
            return;
        }
        WebhookEvent entry = new WebhookEvent(event, WebhookProcessor.SOURCE_WEBHOOK, clock.instant());
        entry.finish(EventStatus.REFUSED, clock.instant(), reason);
        events.claim(entry);
    }
}

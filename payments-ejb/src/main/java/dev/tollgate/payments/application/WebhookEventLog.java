package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EventOutcome;
import dev.tollgate.payments.domain.model.EventSource;
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

    public void recordFailure(StripeEvent event, EventSource source, String error) {
        Optional<EventOutcome> earlier = events.lockedOutcome(event.id());
        if (earlier.isPresent()) {
            if (!earlier.get().status().isFinal()) {
                events.recordOutcome(event.id(), earlier.get().nextAttemptFailed(error));
            }
            return;
        }
        events.claim(new WebhookEvent(event, source, clock.instant(), EventOutcome.failedFirstAttempt(error)));
    }

    /** An event refused before processing (e.g. a live event at a test-mode endpoint); kept for diagnosis. */
    public void recordRefused(StripeEvent event, String reason) {
        if (events.exists(event.id())) {
            return;
        }
        events.claim(new WebhookEvent(event, EventSource.WEBHOOK, clock.instant(),
                EventOutcome.first(EventStatus.REFUSED, clock.instant(), reason)));
    }
}

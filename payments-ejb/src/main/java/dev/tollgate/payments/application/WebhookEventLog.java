package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.AttemptOutcome;
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
import java.time.Instant;
import java.util.Optional;

/**
 * Records what went wrong with an event, in a transaction of its own: the processing transaction has already
 * rolled back, and the attempt (its entry in the event log and its row in {@link AttemptLog}) must still be visible
 * to admins.
 */
@Stateless
@Dependent
@Transactional
public class WebhookEventLog {

    @Inject
    WebhookEventRepository events;

    @Inject
    AttemptLog attempts;

    @Inject
    Clock clock;

    /** @param startedAt when the failed attempt started ({@link AttemptLog#start()}) */
    public void recordFailure(StripeEvent event, EventSource source, String error, Instant startedAt) {
        Optional<EventOutcome> earlier = events.lockedOutcome(event.id());
        if (earlier.isEmpty()) {
            events.claim(new WebhookEvent(event, source, clock.instant(), EventOutcome.failedFirstAttempt(error)));
        } else if (!earlier.get().status().isFinal()) {
            events.recordOutcome(event.id(), earlier.get().nextAttemptFailed(error));
        }
        attempts.record(event.id(), source, startedAt, AttemptOutcome.FAILED, error);
    }

    /**
     * A delivery that met a concurrent delivery of its event, which committed first and did the work: listed as a
     * duplicate. Rare (the two raced), so the extra transaction costs the usual delivery nothing.
     */
    public void recordDuplicate(StripeEvent event, EventSource source, Instant startedAt) {
        if (events.exists(event.id())) {
            attempts.record(event.id(), source, startedAt, AttemptOutcome.DUPLICATE, null);
        }
    }

    /** An event refused before processing (e.g. a live event at a test-mode endpoint); kept for diagnosis. */
    public void recordRefused(StripeEvent event, String reason, Instant startedAt) {
        if (!events.exists(event.id())) {
            events.claim(new WebhookEvent(event, EventSource.WEBHOOK, clock.instant(),
                    EventOutcome.first(EventStatus.REFUSED, clock.instant(), reason)));
        }
        attempts.record(event.id(), EventSource.WEBHOOK, startedAt, AttemptOutcome.REFUSED, reason);
    }
}

package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.AttemptOutcome;
import dev.tollgate.payments.domain.model.EventSource;
import dev.tollgate.payments.domain.model.WebhookAttempt;
import dev.tollgate.payments.domain.service.WebhookAttemptRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes one row per attempt at an event, in the caller's transaction: the one that settled the attempt, so that
 * an attempt is listed exactly when its outcome committed. No transaction of its own.
 */
@ApplicationScoped
public class AttemptLog {

    /** The JVM (pid@host) that made the attempt: with several nodes, which one took the delivery. */
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    @Inject
    WebhookAttemptRepository attempts;

    @Inject
    Clock clock;

    /** The moment an attempt starts; its duration runs from here to {@link #record}. */
    public Instant start() {
        return clock.instant();
    }

    /** @param error why it failed or was refused; null when it did not */
    public void record(String eventId, EventSource source, Instant startedAt, AttemptOutcome outcome, String error) {
        attempts.add(settledNow(eventId, source, startedAt, outcome, error));
    }

    /**
     * The row of an attempt that ends now, for a caller that writes it together with another row (the event's
     * claim, {@link dev.tollgate.payments.domain.service.WebhookEventRepository#claimWithAttempt}).
     */
    public WebhookAttempt settledNow(String eventId, EventSource source, Instant startedAt, AttemptOutcome outcome,
                                     String error) {
        Duration took = Duration.between(startedAt, clock.instant());
        return new WebhookAttempt(eventId, startedAt, outcome, error, took.isNegative() ? Duration.ZERO : took,
                source, NODE);
    }
}

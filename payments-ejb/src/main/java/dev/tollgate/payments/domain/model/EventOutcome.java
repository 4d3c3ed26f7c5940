package dev.tollgate.payments.domain.model;

import java.time.Instant;

/**
 * Where one event of the log stands: the part of its entry that changes after the claim. What Stripe sent
 * ({@link WebhookEvent}) never does.
 *
 * @param processedAt when the outcome was reached; null while none has been (a failed attempt)
 * @param attempts how many deliveries (or replays) were applied to it
 * @param lastError why it failed, was refused or ignored; null when processed
 */
public record EventOutcome(EventStatus status, Instant processedAt, int attempts, String lastError) {

    private static final int ERROR_CAP = 1_000;

    public EventOutcome {
        lastError = cap(lastError);
    }

    /** A first attempt that failed before it reached any outcome. */
    public static EventOutcome failedFirstAttempt(String error) {
        return new EventOutcome(EventStatus.FAILED, null, 1, error);
    }

    /** The outcome of a first attempt. */
    public static EventOutcome first(EventStatus status, Instant at, String note) {
        return new EventOutcome(status, at, 1, note);
    }

    /** This outcome after another attempt was applied and reached {@code status}. */
    public EventOutcome nextAttempt(EventStatus reached, Instant at, String note) {
        return new EventOutcome(reached, at, attempts + 1, note);
    }

    /** This outcome after another attempt failed; the moment of the last outcome stays. */
    public EventOutcome nextAttemptFailed(String error) {
        return new EventOutcome(EventStatus.FAILED, processedAt, attempts + 1, error);
    }

    /** The same attempt, reaching {@code reached} instead of the outcome it was claimed with. */
    public EventOutcome reached(EventStatus reached, Instant at, String note) {
        return new EventOutcome(reached, at, attempts, note);
    }

    private static String cap(String text) {
        return text == null || text.length() <= ERROR_CAP ? text : text.substring(0, ERROR_CAP);
    }
}

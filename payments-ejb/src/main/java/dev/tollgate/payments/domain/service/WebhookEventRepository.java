package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.EventCount;
import dev.tollgate.payments.domain.model.EventOutcome;
import dev.tollgate.payments.domain.model.EventQuery;
import dev.tollgate.payments.domain.model.LoggedEvent;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.WebhookAttempt;
import dev.tollgate.payments.domain.model.WebhookEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The Stripe event log; joins the caller's transaction. */
public interface WebhookEventRepository {

    /** Whether the event has an entry (committed, or written in this transaction). */
    boolean exists(String eventId);

    /**
     * Inserts the entry as it stands, now, unless the event has a committed entry already: then nothing is written,
     * and the answer is where that entry stands, locked until the transaction ends (as {@link #lockedOutcome}), so
     * that a redelivery learns from its claim all it needs. Nothing is read first, and an existing entry raises no
     * error. A concurrent claim of the same id that has not committed yet makes the insert wait for it.
     *
     * @return empty when this call inserted the entry; otherwise the outcome of the entry there, locked
     * @throws dev.tollgate.payments.domain.service.EventAlreadyClaimedException when that concurrent claim committed
     *         first; the database has then failed the statement, and on PostgreSQL the transaction with it
     */
    Optional<EventOutcome> claim(WebhookEvent event);

    /**
     * {@link #claim}, and when it inserts the entry, the attempt with it, in the same write: for an event whose
     * attempt is settled before it is claimed (nothing to apply), so that the usual such delivery costs one
     * statement. The attempt is the entry's first, with the entry's moment, outcome, note and source; same answer
     * and failures as {@link #claim}; no attempt is written when the entry was not inserted.
     *
     * @throws IllegalArgumentException when the attempt's moment, outcome, note or source is not the entry's
     */
    Optional<EventOutcome> claimWithAttempt(WebhookEvent event, WebhookAttempt attempt);

    /** Writes the entry's new outcome over the one it has. */
    void recordOutcome(String eventId, EventOutcome outcome);

    /**
     * Reads where the entry stands and locks it until the transaction ends, so two deliveries of one event queue
     * up. Every redelivery asks, and most need to know no more.
     */
    Optional<EventOutcome> lockedOutcome(String eventId);

    long countWithStatus(EventStatus status);

    /** How many logged events there are of each type and status (one grouped count over the log). */
    List<EventCount> countByTypeAndStatus();

    /** Which of these events have an entry, whatever its status. */
    java.util.Set<String> known(java.util.Collection<String> eventIds);

    /** The payload the event's entry keeps, as Stripe sent it; empty when the log has no such event. */
    Optional<String> payload(String eventId);

    /** Ids of events with this status, oldest Stripe event first, at most {@code limit}. */
    List<String> idsWithStatus(EventStatus status, int limit);

    /** Ids of events of this type that Stripe created in [{@code from}, {@code to}), oldest first. */
    List<String> idsOfType(String type, Instant from, Instant to, int limit);

    /** One page of the events the query selects, newest Stripe event first, without their payloads. */
    List<LoggedEvent> search(EventQuery query);

    /** How many events the query selects, all pages together. */
    long count(EventQuery query);

    /** One event with its payload. */
    Optional<LoggedEvent> find(String eventId);

    /** How many events with this status reached us at or after {@code since}. */
    long countWithStatusSince(EventStatus status, Instant since);

    /**
     * How many events Stripe created in each hour since {@code since}: the hour's start (epoch second, a multiple
     * of 3600) to its count; hours without events are left out.
     */
    java.util.Map<Long, Long> countsPerHour(Instant since);
}

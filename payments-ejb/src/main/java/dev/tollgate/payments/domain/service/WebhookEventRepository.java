package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.WebhookEvent;
import java.util.Optional;

/** The Stripe event log; joins the caller's transaction. */
public interface WebhookEventRepository {

    Optional<WebhookEvent> find(String eventId);

    /**
     * Inserts the entry as it stands, now, unless the event has a committed entry already: then nothing is written
     * and the answer is false. Nothing is read first, and an existing entry raises no error. A concurrent claim of
     * the same id that has not committed yet makes the insert wait for it.
     *
     * @return whether this call inserted the entry
     * @throws dev.tollgate.payments.application.EventAlreadyClaimedException when that concurrent claim committed
     *         first; the database has then failed the statement, and on PostgreSQL the transaction with it
     */
    boolean claim(WebhookEvent event);

    /** Writes the outcome the entry now has (status, when, note) over the one its {@link #claim} inserted. */
    void recordOutcome(WebhookEvent event);

    /**
     * Reads the status of the entry, without the entry, and locks it until the transaction ends, so two deliveries
     * of one event queue up. Every redelivery asks, and most need to know no more.
     */
    Optional<EventStatus> lockedStatus(String eventId);

    /** Reads the entry and locks it until the transaction ends, so two deliveries of one event queue up. */
    Optional<WebhookEvent> findForUpdate(String eventId);

    long countWithStatus(EventStatus status);
}

package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.WebhookEvent;
import java.util.Optional;

/** The Stripe event log; joins the caller's transaction. */
public interface WebhookEventRepository {

    Optional<WebhookEvent> find(String eventId);

    /**
     * Inserts now, so that a concurrent claim of the same id fails inside this transaction.
     *
     * @throws dev.tollgate.payments.application.EventAlreadyClaimedException when another delivery got there first
     */
    void claim(WebhookEvent event);

    /** Reads the entry and locks it until the transaction ends, so two deliveries of one event queue up. */
    Optional<WebhookEvent> findForUpdate(String eventId);

    long countWithStatus(EventStatus status);
}

package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.WebhookAttempt;
import java.util.List;

/** Every attempt at a logged event; joins the caller's transaction. */
public interface WebhookAttemptRepository {

    /** One insert; the event must have its entry in the log (written earlier in the same transaction, or before). */
    void add(WebhookAttempt attempt);

    /** The event's attempts, oldest first, at most {@code limit}. */
    List<WebhookAttempt> ofEvent(String eventId, int limit);
}

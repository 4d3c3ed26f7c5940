package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of the event log as an admin reads it: what Stripe sent, how it came, and where it stands.
 *
 * @param processedAt when the last outcome was reached; null while none has been
 * @param payload the JSON as Stripe sent it; empty in listings, which leave it out
 */
public record LoggedEvent(String eventId, String type, boolean livemode, Instant stripeCreated, String objectId,
                          Instant receivedAt, Instant processedAt, EventStatus status, int attempts,
                          String lastError, String source, Optional<String> payload) {
}

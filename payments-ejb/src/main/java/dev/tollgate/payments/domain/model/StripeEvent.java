package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A Stripe event whose signature has been verified, in our words. The event is a signal: handlers read only
 * identifiers from it and fetch the current state from Stripe (ARCHITECTURE.md rule 2).
 *
 * @param objectId id of {@code data.object}
 * @param objectType {@code data.object.object}, e.g. {@code subscription}
 * @param customerId the customer the object belongs to, when it names one
 * @param clientReferenceId a Checkout Session's {@code client_reference_id} (our user id), when present
 * @param payload the raw JSON as received
 */
public record StripeEvent(String id, String type, boolean livemode, Instant created, String objectId,
                          String objectType, Optional<String> customerId, Optional<String> clientReferenceId,
                          String payload) {
}

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
 * @param subscriptionId the subscription the object is or belongs to (a subscription, an invoice's parent,
 *                       a Checkout Session's subscription), when it names one
 * @param subscription the subscription state the event carries, when the object is a subscription rendered at
 *                     the API version we read; empty otherwise, and then the handler asks Stripe
 * @param reversal the refund or dispute the event reports, for charge and dispute objects
 * @param checkoutSession the session, for Checkout Session objects
 * @param payload the raw JSON as received
 */
public record StripeEvent(String id, String type, boolean livemode, Instant created, String objectId,
                          String objectType, Optional<String> customerId, Optional<String> clientReferenceId,
                          Optional<String> subscriptionId, Optional<Subscription> subscription,
                          Optional<Reversal> reversal, Optional<CheckoutSession> checkoutSession,
                          String payload) {
}

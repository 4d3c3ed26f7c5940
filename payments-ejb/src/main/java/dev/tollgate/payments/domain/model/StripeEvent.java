package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A Stripe event whose signature has been verified, in our words. Its arrival order is never trusted: a subscription
 * or refund/dispute state it carries is applied only when it is newer than the stored one (an older one is
 * ignored, a tie within the same second is settled by asking Stripe), and an event without usable state (an
 * invoice, a subscription rendered at another API version) makes the handler fetch the current subscription
 * unless the stored one is already as new (ARCHITECTURE.md rule 2).
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

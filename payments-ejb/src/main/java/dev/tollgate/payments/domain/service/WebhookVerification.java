package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.StripeEvent;

/** This endpoint's signing secrets and mode: whether a delivery is Stripe's and meant for us. */
public interface WebhookVerification {

    /**
     * The event a delivery carries, once its signature over the raw body holds for one of the endpoint's secrets
     * (several during a rotation) within the replay tolerance.
     *
     * @param payload the raw body, exactly as received
     * @param signatureHeader the {@code Stripe-Signature} header, possibly null
     * @throws RejectedWebhookException forged, stale, far-future, malformed: never acceptable
     */
    StripeEvent verify(String payload, String signatureHeader);

    /**
     * The event an entry of our own event log holds: its payload was verified when it arrived, so it is only read.
     *
     * @throws RejectedWebhookException when the payload cannot be read (e.g. it was cut at the log's cap)
     */
    StripeEvent readLogged(String payload);

    /** Whether this endpoint runs on live keys (real money) rather than test keys. */
    boolean liveMode();
}

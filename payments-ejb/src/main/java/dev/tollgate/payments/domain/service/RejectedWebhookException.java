package dev.tollgate.payments.domain.service;

/** A webhook delivery that must be answered 400: forged, stale, malformed. The message is safe to send back. */
public class RejectedWebhookException extends RuntimeException {

    public RejectedWebhookException(String message) {
        super(message, null, false, false);
    }
}

package dev.tollgate.payments.domain.service;

/**
 * Stripe answered 404: the object was deleted, or belongs to another account (a webhook endpoint shared between
 * accounts, or an id a user made up). Asking again will not make it appear.
 */
public class StripeObjectMissingException extends StripeRejectedException {

    public StripeObjectMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}

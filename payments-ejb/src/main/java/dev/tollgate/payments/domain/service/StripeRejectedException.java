package dev.tollgate.payments.domain.service;

/** Stripe refused the request as invalid (4xx); repeating it will not help. */
public class StripeRejectedException extends RuntimeException {

    public StripeRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}

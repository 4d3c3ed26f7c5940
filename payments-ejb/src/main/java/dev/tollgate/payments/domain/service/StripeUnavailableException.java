package dev.tollgate.payments.domain.service;

/** Stripe could not be reached or failed on its side; the same call may succeed later. */
public class StripeUnavailableException extends RuntimeException {

    public StripeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

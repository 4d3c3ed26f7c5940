package dev.tollgate.payments.application;

import jakarta.ejb.ApplicationException;

/**
 * A refusal the caller must turn into a clear answer (4xx/503), never a stack trace. Declared an application
 * exception so the EJB container hands it over unwrapped, after rolling the transaction back.
 */
@ApplicationException(rollback = true)
public class PaymentsException extends RuntimeException {

    /** What kind of refusal, so the web layer can pick the status without parsing messages. */
    public enum Reason {
        UNKNOWN_PRICE, NOT_YOUR_CHECKOUT, CHECKOUT_NOT_PAID, CUSTOMER_NOT_YET_KNOWN, NO_CUSTOMER,
        /** A delayed-notification payment (a debit) the bank has not answered yet: no error, nothing granted yet. */
        PAYMENT_PROCESSING,
        /** A delayed-notification payment the bank refused after Checkout completed: nothing granted. */
        PAYMENT_FAILED,
        /** The user holds the plan bought once already, for at least as long as a second purchase would give. */
        PLAN_ALREADY_HELD,
        /** Refunds (the admin console): nothing was asked of Stripe. */
        UNKNOWN_USER, UNKNOWN_CHARGE, NOT_THIS_CUSTOMERS_CHARGE, NOT_REFUNDABLE, BAD_REFUND_AMOUNT
    }

    private final Reason reason;

    public PaymentsException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

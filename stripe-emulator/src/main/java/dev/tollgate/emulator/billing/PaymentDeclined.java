package dev.tollgate.emulator.billing;

/** A card payment that did not go through; the message is what the payer is shown. */
public final class PaymentDeclined extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PaymentDeclined(String message) {
        super(message, null, false, false);
    }
}

package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Optional;

/**
 * The payment of a Checkout in {@code payment} mode (its PaymentIntent), in our words.
 *
 * @param created when Stripe took the payment up; a plan bought once counts its term from here
 * @param status Stripe's PaymentIntent status: {@code succeeded}, {@code processing} (a delayed-notification method
 *               such as a debit, whose bank answers later), {@code requires_payment_method} (it failed), …
 * @param failure what Stripe says went wrong with the last attempt, or null
 */
public record OneTimePayment(Instant created, String status, String failure) {

    /** Whether the bank has not answered yet: Checkout completed, the money is still on its way. */
    public boolean isProcessing() {
        return "processing".equals(status);
    }

    /** Why the payment failed, when it did (Stripe's words, or a plain sentence when it gave none). */
    public Optional<String> failureReason() {
        if (!"requires_payment_method".equals(status) && !"canceled".equals(status)) {
            return Optional.empty();
        }
        return Optional.of(failure == null || failure.isBlank() ? "the payment was not completed" : failure);
    }
}

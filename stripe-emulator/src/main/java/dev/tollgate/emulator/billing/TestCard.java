package dev.tollgate.emulator.billing;

/**
 * One of Stripe's test card numbers and how it behaves, from the first charge to later ones.
 *
 * @param number the 16 digits, no spaces
 * @param brand the card network as Stripe names it ({@code visa})
 * @param outcome what the card does when saved and charged
 * @param declineCode Stripe's {@code decline_code} when a charge is declined, else null
 * @param message what the payer is shown when declined, else null
 */
public record TestCard(String number, String brand, CardOutcome outcome, String declineCode, String message) {

    public String last4() {
        return number.substring(number.length() - 4);
    }

    /** Whether the card can be saved to a customer (for a trial, or for later charges). */
    public boolean attaches() {
        return outcome != CardOutcome.DECLINED;
    }

    /** Whether a charge made now succeeds (the Checkout payment, a renewal, a retry). */
    public boolean charges() {
        return outcome == CardOutcome.SUCCEEDS || outcome == CardOutcome.REQUIRES_AUTHENTICATION
                || outcome == CardOutcome.DISPUTED;
    }

    /** Whether paying on the hosted page first needs the 3-D Secure step. */
    public boolean needsAuthentication() {
        return outcome == CardOutcome.REQUIRES_AUTHENTICATION;
    }

    /**
     * Whether the payment is only known minutes later (a debit, not a card): Checkout completes unpaid, and
     * {@code checkout.session.async_payment_succeeded} or {@code …_failed} follows.
     */
    public boolean settlesLater() {
        return outcome == CardOutcome.SETTLES_LATER || outcome == CardOutcome.FAILS_LATER;
    }

    /** Whether each successful charge is followed by a dispute. */
    public boolean getsDisputed() {
        return outcome == CardOutcome.DISPUTED;
    }
}

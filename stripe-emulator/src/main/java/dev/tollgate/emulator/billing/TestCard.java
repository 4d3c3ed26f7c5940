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

    /** Whether each successful charge is followed by a dispute. */
    public boolean getsDisputed() {
        return outcome == CardOutcome.DISPUTED;
    }
}

package dev.tollgate.emulator.billing;

/**
 * One of Stripe's test card numbers and how it behaves. A later issue adds behaviours beyond the first charge
 * (3-D Secure, failing renewals, disputes) as further fields here, read where they apply.
 *
 * @param number the 16 digits, no spaces
 * @param brand the card network as Stripe names it ({@code visa})
 * @param outcome what the first charge does
 * @param declineCode Stripe's {@code decline_code} when declined, else null
 * @param message the message the hosted page shows when declined, else null
 */
public record TestCard(String number, String brand, CardOutcome outcome, String declineCode, String message) {

    public String last4() {
        return number.substring(number.length() - 4);
    }

    public boolean pays() {
        return outcome == CardOutcome.SUCCEEDS;
    }
}

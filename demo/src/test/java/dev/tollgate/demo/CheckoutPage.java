package dev.tollgate.demo;

/** Fills the Stripe emulator's hosted checkout form the way a person would. */
final class CheckoutPage {

    /** The emulator's card field (see the emulator's {@code hosted.CheckoutPage}). */
    private static final String CARD_FIELD = "card_number";

    private CheckoutPage() {
    }

    /** The checkout form with {@code cardNumber} typed into its card field. */
    static HtmlForm payWith(HtmlForm checkout, String cardNumber) {
        return checkout.with(CARD_FIELD, cardNumber);
    }
}

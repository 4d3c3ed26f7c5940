package dev.tollgate.emulator.billing;

/** How a test card behaves when it is saved and charged. */
public enum CardOutcome {
    /** Every charge succeeds (4242 4242 4242 4242). */
    SUCCEEDS,
    /** The issuer declines every charge and refuses to save the card (…0002, …9995). */
    DECLINED,
    /** A 3-D Secure step on the hosted page decides the first charge; later charges succeed (…3220). */
    REQUIRES_AUTHENTICATION,
    /** The card saves, but every charge fails (…0341): a trial starts, its renewals fail. */
    ATTACHES_CHARGES_FAIL,
    /** Charges succeed, then each is disputed as fraudulent (…0259). */
    DISPUTED,
    /**
     * A delayed-notification method (Stripe's SEPA Direct Debit test IBAN DE89370400440532013000): a one-time payment
     * is processing when Checkout completes and succeeds when the customer's clock passes the settlement delay.
     */
    SETTLES_LATER,
    /** The same method whose debit the bank refuses after the delay (test IBAN DE62370400440532013001). */
    FAILS_LATER
}

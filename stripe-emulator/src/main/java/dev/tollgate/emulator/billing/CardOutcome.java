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
    DISPUTED
}

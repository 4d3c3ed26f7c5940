package dev.tollgate.emulator.billing;

/** What happens when a test card is charged for the first time. */
public enum CardOutcome {
    /** The charge succeeds. */
    SUCCEEDS,
    /** The issuer declines; nothing is created. */
    DECLINED
}

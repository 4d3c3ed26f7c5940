package dev.tollgate.payments.domain.model;

import java.util.Locale;

/** Where a Stripe event stands in our log. */
public enum EventStatus {
    /** Applied; its effect committed in the same transaction as this status. */
    PROCESSED,
    /** Seen and deliberately not acted on (a type we do not handle). */
    IGNORED,
    /** An attempt failed and was rolled back; Stripe will deliver it again. */
    FAILED,
    /** Refused before processing (e.g. live event at a test-mode endpoint). */
    REFUSED,
    /** Its customer matches no user even after waiting; listed for an admin. */
    UNMATCHED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether a new delivery of the event must be skipped (answered 200 without doing anything). */
    public boolean isFinal() {
        return this != FAILED;
    }
}

package dev.tollgate.payments.domain.model;

import java.util.Locale;

/** What one attempt at an event came to: the event's statuses, and a duplicate that left it alone. */
public enum AttemptOutcome {
    PROCESSED, IGNORED, FAILED, REFUSED, UNMATCHED,
    /** The event had taken effect already (or was final): this attempt did nothing. */
    DUPLICATE;

    /** Lower case, as stored: made once, since every attempt is written with it. */
    private final String dbValue = name().toLowerCase(Locale.ROOT);

    public static AttemptOutcome of(EventStatus status) {
        return valueOf(status.name());
    }

    public String dbValue() {
        return dbValue;
    }

    public static AttemptOutcome fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

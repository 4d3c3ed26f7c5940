package dev.tollgate.payments.application;

import java.sql.SQLException;

/**
 * A failure in one line for the log and the event's {@code last_error}: the exception type and message, and for a
 * database failure the SQLState and message of the driver's exception, however deeply the container and the
 * persistence layer wrapped it. Never a stack trace: a database outage fails every request, and each would add one.
 */
final class FailureText {

    private FailureText() {
    }

    static String of(Throwable failure) {
        // The driver's own words: a wrapper's message may repeat the statement and its arguments (the payload).
        String text = Causes.find(failure, SQLException.class)
                .map(database -> "database failure, SQLState " + database.getSQLState() + ": "
                        + database.getMessage())
                .orElseGet(() -> failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
        return text.replaceAll("[\\r\\n\\t]+", " ");
    }
}

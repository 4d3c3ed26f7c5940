package dev.tollgate.payments.infrastructure.persistence;

import java.sql.SQLException;

/**
 * Recognises "that key already exists" whatever wrapped it: Hibernate, EclipseLink and the EJB container all
 * wrap differently, but the SQLState of the root cause is 23505 on H2 and PostgreSQL alike.
 */
public final class UniqueViolation {

    private static final String SQLSTATE_UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (SQLSTATE_UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}

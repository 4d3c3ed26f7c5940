package dev.tollgate.payments.application;

import java.util.Optional;

/** Finds our own exception types under the wrapping that EJB containers and JPA providers add. */
public final class Causes {

    private Causes() {
    }

    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}

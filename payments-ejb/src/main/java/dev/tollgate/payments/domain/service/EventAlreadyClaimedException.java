package dev.tollgate.payments.domain.service;

import jakarta.ejb.ApplicationException;

/**
 * Another delivery of the same event claimed it first and committed: that delivery did the work. Only the
 * claim's own unique key raises this; any other constraint failure is a real error and is retried.
 */
@ApplicationException(rollback = true)
public class EventAlreadyClaimedException extends RuntimeException {

    public EventAlreadyClaimedException(String eventId) {
        super("event " + eventId + " was claimed by a concurrent delivery", null, false, false);
    }
}

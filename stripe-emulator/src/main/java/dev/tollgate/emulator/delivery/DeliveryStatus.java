package dev.tollgate.emulator.delivery;

import java.time.Instant;

/**
 * The delivery of one event to one endpoint, as last seen.
 *
 * @param lastStatusCode the endpoint's last HTTP status, 0 when it could not be reached
 * @param lastError why the last attempt failed, or null
 */
public record DeliveryStatus(String eventId, String eventType, String endpointUrl, State state, int attempts,
        int lastStatusCode, String lastError, Instant lastAttemptAt) {

    /** Where a delivery stands. */
    public enum State {
        /** Not yet delivered; an attempt is scheduled. */
        PENDING,
        /** An attempt got a 2xx. */
        DELIVERED,
        /** Every attempt failed; no more will be made. */
        FAILED
    }
}

package dev.tollgate.emulator.delivery;

import java.time.Instant;

/**
 * The delivery of one event to one endpoint, as last seen.
 *
 * @param lastStatusCode the endpoint's last HTTP status, 0 when it could not be reached
 * @param lastError why the last attempt failed, or null
 * @param lastAttemptAt when the last attempt was sent, or null before the first
 * @param answeredAt when the endpoint's answer to the last attempt came back (for a delivered one, the moment its
 *                   2xx was received), or null while none has
 */
public record DeliveryStatus(String eventId, String eventType, String endpointUrl, State state, int attempts,
        int lastStatusCode, String lastError, Instant lastAttemptAt, Instant answeredAt) {

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

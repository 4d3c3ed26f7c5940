package dev.tollgate.emulator.state;

/** Whether webhooks for an event have reached every endpoint, for {@code GET /v1/events?delivery_success}. */
@FunctionalInterface
public interface DeliveryOutcomes {
    /** True when no delivery of the event is pending or failed (also when it had no endpoint). */
    boolean allDelivered(String eventId);
}

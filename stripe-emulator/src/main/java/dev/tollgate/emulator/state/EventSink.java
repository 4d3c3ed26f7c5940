package dev.tollgate.emulator.state;

import com.google.gson.JsonObject;

/** Whoever wants to hear about new events — the webhook deliverer. Called under the store's lock: be quick. */
public interface EventSink {
    /** How many webhook endpoints will receive an event of this type ({@code pending_webhooks}). */
    int endpointsFor(String eventType);

    /** A new event, already in the log. Must not block. */
    void published(JsonObject event);

    /** The sink for an emulator without webhook endpoints. */
    EventSink NONE = new EventSink() {
        @Override
        public int endpointsFor(String eventType) {
            return 0;
        }

        @Override
        public void published(JsonObject event) {
        }
    };
}

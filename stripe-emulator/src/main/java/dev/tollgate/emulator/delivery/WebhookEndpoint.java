package dev.tollgate.emulator.delivery;

import java.util.List;

/**
 * Where events go and the secret that signs them, as a {@code webhook_endpoint} of the API describes it.
 *
 * @param id the endpoint's {@code we_…} id, or null for one made outside the API
 * @param enabledEvents event types this endpoint receives; {@code *} means all
 * @param apiVersion the version events are labelled with for this endpoint; null = the emulator's pinned one
 * @param enabled false when the endpoint is disabled: nothing is sent to it
 */
public record WebhookEndpoint(String id, String url, String secret, List<String> enabledEvents, String apiVersion,
        boolean enabled) {

    public WebhookEndpoint {
        enabledEvents = List.copyOf(enabledEvents);
    }

    public WebhookEndpoint(String url, String secret) {
        this(url, secret, List.of("*"));
    }

    public WebhookEndpoint(String url, String secret, List<String> enabledEvents) {
        this(null, url, secret, enabledEvents, null, true);
    }

    public boolean accepts(String eventType) {
        return enabled && (enabledEvents.contains("*") || enabledEvents.contains(eventType));
    }
}

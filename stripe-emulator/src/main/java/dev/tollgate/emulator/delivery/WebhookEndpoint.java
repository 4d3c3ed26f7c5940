package dev.tollgate.emulator.delivery;

import java.util.List;

/**
 * Where events go and the secret that signs them.
 *
 * @param enabledEvents event types this endpoint receives; {@code *} means all
 */
public record WebhookEndpoint(String url, String secret, List<String> enabledEvents) {

    public WebhookEndpoint(String url, String secret) {
        this(url, secret, List.of("*"));
    }

    public boolean accepts(String eventType) {
        return enabledEvents.contains("*") || enabledEvents.contains(eventType);
    }
}

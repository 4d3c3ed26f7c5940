package dev.tollgate.payments.domain.model;

import java.util.List;
import java.util.Optional;

/**
 * A webhook endpoint as Stripe keeps it: where it sends events, which types, rendered at which API version.
 *
 * @param apiVersion the version Stripe renders this endpoint's events at; empty when the endpoint was made without
 *                   one and follows the account's default version
 * @param enabled    false once disabled (by hand, or by Stripe after days of failed deliveries)
 */
public record WebhookEndpoint(String id, String url, List<String> enabledEvents, Optional<String> apiVersion,
                              boolean enabled) {

    private static final String EVERY_TYPE = "*";

    public WebhookEndpoint {
        enabledEvents = List.copyOf(enabledEvents);
    }

    /** Whether Stripe sends this endpoint events of the type ({@code *} and {@code invoice.*} count). */
    public boolean sends(String type) {
        for (String enabled : enabledEvents) {
            boolean wildcard = enabled.endsWith(".*") && type.startsWith(enabled.substring(0, enabled.length() - 1));
            if (EVERY_TYPE.equals(enabled) || enabled.equals(type) || wildcard) {
                return true;
            }
        }
        return false;
    }

    /** Whether this endpoint's events come at exactly this API version. */
    public boolean rendersAt(String version) {
        return apiVersion.filter(version::equals).isPresent();
    }

    /** Whether it sends to this URL (a trailing slash makes no difference). */
    public boolean sendsTo(String webhookUrl) {
        return withoutTrailingSlash(url).equals(withoutTrailingSlash(webhookUrl));
    }

    private static String withoutTrailingSlash(String url) {
        return url.replaceAll("/+$", "");
    }
}

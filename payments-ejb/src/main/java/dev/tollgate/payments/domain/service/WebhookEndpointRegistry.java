package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.WebhookEndpoint;
import java.util.Collection;
import java.util.List;

/** Stripe's webhook endpoints of the account the secret key belongs to (test or live). */
public interface WebhookEndpointRegistry {

    /** The API version this Tollgate's Stripe library reads, and so the one its endpoint must render events at. */
    String pinnedApiVersion();

    /** Every endpoint of the account (Stripe allows 16). */
    List<WebhookEndpoint> all();

    /** Creates an endpoint; its signing secret is in the answer and nowhere else, ever again. */
    CreatedEndpoint create(String url, Collection<String> eventTypes, String apiVersion);

    /** Sets the event types an endpoint sends and enables it. */
    WebhookEndpoint enable(String endpointId, Collection<String> eventTypes);

    /** A new endpoint and its signing secret. {@link #toString()} leaves the secret out. */
    record CreatedEndpoint(WebhookEndpoint endpoint, String secret) {
        @Override
        public String toString() {
            return "CreatedEndpoint[" + endpoint + "]";
        }
    }
}

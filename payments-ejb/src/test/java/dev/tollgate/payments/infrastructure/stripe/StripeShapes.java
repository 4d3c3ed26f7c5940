package dev.tollgate.payments.infrastructure.stripe;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.Stripe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stripe-shaped JSON for the tests that talk HTTP to {@link StripeOnLoopback}: Stripe's example subscription
 * ({@code stripe-subscription.json}, see the notice beside it), events of it, and list pages, pretty-printed as
 * Stripe renders them.
 */
final class StripeShapes {

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private StripeShapes() {
    }

    /** Stripe's example subscription with another id. */
    static JsonObject subscription(String id) {
        try (InputStream in = StripeShapes.class.getResourceAsStream("stripe-subscription.json")) {
            JsonObject subscription = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            subscription.addProperty("id", id);
            return subscription;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    static String pretty(JsonObject json) {
        return PRETTY.toJson(json);
    }

    /** A {@code customer.subscription.updated} event as a webhook body, at the API version stripe-java pins. */
    static String subscriptionEvent(String eventId, String subscriptionId, long created) {
        return """
                {
                  "id": "%s",
                  "object": "event",
                  "api_version": "%s",
                  "created": %d,
                  "data": {
                    "object": %s,
                    "previous_attributes": {
                      "status": "trialing"
                    }
                  },
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": {
                    "id": null,
                    "idempotency_key": null
                  },
                  "type": "customer.subscription.updated"
                }""".formatted(eventId, Stripe.API_VERSION, created,
                pretty(subscription(subscriptionId)).indent(4).strip());
    }

    /**
     * A complete Checkout as Stripe lists it, trimmed to what Tollgate reads and a few neighbours.
     *
     * @param credits the {@code tollgate_credits} metadata, or null for none
     */
    static String checkout(String id, String mode, String paymentStatus, String credits) {
        JsonObject checkout = new JsonObject();
        checkout.addProperty("id", id);
        checkout.addProperty("object", "checkout.session");
        checkout.addProperty("client_reference_id", "user_buyer");
        checkout.addProperty("created", 1_764_000_000L);
        checkout.addProperty("customer", "cus_buyer");
        checkout.addProperty("livemode", false);
        JsonObject metadata = new JsonObject();
        if (credits != null) {
            metadata.addProperty("tollgate_credits", credits);
        }
        checkout.add("metadata", metadata);
        checkout.addProperty("mode", mode);
        checkout.addProperty("payment_status", paymentStatus);
        checkout.addProperty("status", "complete");
        checkout.add("subscription", null);
        checkout.add("url", null);
        return pretty(checkout);
    }

    /** A list page whose data holds the given JSON texts, character for character. */
    static String list(String url, boolean hasMore, List<String> data) {
        return "{\n  \"object\": \"list\",\n  \"data\": [\n" + String.join(",\n", data)
                + "\n  ],\n  \"has_more\": " + hasMore + ",\n  \"url\": \"" + url + "\"\n}\n";
    }
}

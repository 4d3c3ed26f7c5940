package dev.tollgate.payments.infrastructure.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.Stripe;
import com.stripe.net.ApiResource;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.Subscription;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a verified Stripe event into a {@link StripeEvent}. Identifiers and small facts are read from the raw JSON,
 * which works whatever API version rendered the event; the subscription state only through stripe-java's typed
 * model, which refuses events of another API release (the handler then asks Stripe instead of guessing).
 */
final class StripeEventReader {

    private StripeEventReader() {
    }

    /** Reads a v1 snapshot event; anything else (garbage, a v2 thin event, no data.object) is rejected. */
    static StripeEvent read(String payload) {
        JsonObject root = rootOf(payload);
        Optional<String> id = string(root, "id");
        Optional<String> type = string(root, "type");
        long created = number(root, "created");
        if (!"event".equals(string(root, "object").orElse("")) || id.isEmpty() || type.isEmpty() || created <= 0) {
            throw new RejectedWebhookException("not a Stripe v1 event");
        }
        JsonObject object = dataObject(root);
        String objectType = string(object, "object").orElse("");
        Optional<String> customer = "customer".equals(objectType) ? string(object, "id") : idOf(object, "customer");
        boolean livemode = root.has("livemode") && root.get("livemode").isJsonPrimitive()
                && root.get("livemode").getAsBoolean();
        return new StripeEvent(id.get(), type.get(), livemode, Instant.ofEpochSecond(created),
                string(object, "id").orElse(null), objectType, customer, string(object, "client_reference_id"),
                subscriptionIdOf(objectType, object), subscriptionState(root, objectType, object),
                reversalOf(objectType, object, customer, created), checkoutSessionOf(objectType, object, customer),
                payload);
    }

    private static JsonObject rootOf(String payload) {
        try {
            JsonElement root = JsonParser.parseString(payload);
            if (root.isJsonObject()) {
                return root.getAsJsonObject();
            }
        } catch (RuntimeException garbage) {
            // answered below
        }
        throw new RejectedWebhookException("malformed webhook body");
    }

    private static Optional<CheckoutSession> checkoutSessionOf(String objectType, JsonObject object,
                                                              Optional<String> customer) {
        if (!"checkout.session".equals(objectType)) {
            return Optional.empty();
        }
        JsonElement metadata = object.get("metadata");
        String credits = metadata != null && metadata.isJsonObject()
                ? string(metadata.getAsJsonObject(), StripeTranslation.CREDITS_METADATA).orElse(null) : null;
        return Optional.of(new CheckoutSession(string(object, "id").orElse(null), string(object, "url").orElse(null),
                customer.orElse(null), string(object, "client_reference_id").orElse(null),
                string(object, "status").orElse(""), string(object, "payment_status").orElse(""),
                idOf(object, "subscription").orElse(null), StripeTranslation.credits(credits)));
    }

    /** The money taken back, for a charge (its refunds so far) or a dispute. */
    private static Optional<Reversal> reversalOf(String objectType, JsonObject object, Optional<String> customer,
                                                 long eventCreated) {
        Optional<String> id = string(object, "id");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Instant created = Instant.ofEpochSecond(eventCreated);
        if ("charge".equals(objectType)) {
            boolean full = object.has("refunded") && object.get("refunded").getAsBoolean();
            return Optional.of(new Reversal("refund:" + id.get(), Reversal.Kind.REFUND, customer.orElse(null),
                    id.get(), number(object, "amount_refunded"), full, full ? "refunded" : "partially_refunded",
                    created));
        }
        if ("dispute".equals(objectType)) {
            return Optional.of(new Reversal(id.get(), Reversal.Kind.DISPUTE, null,
                    idOf(object, "charge").orElse(""), number(object, "amount"), true,
                    string(object, "status").orElse("unknown"), created));
        }
        return Optional.empty();
    }

    private static long number(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber() ? value.getAsLong() : 0;
    }

    private static Optional<String> subscriptionIdOf(String objectType, JsonObject object) {
        return switch (objectType) {
            case "subscription" -> string(object, "id");
            case "checkout.session" -> idOf(object, "subscription");
            case "invoice" -> invoiceSubscription(object);
            default -> Optional.empty();
        };
    }

    /** Since API 2025-03-31.basil an invoice names its subscription under parent.subscription_details. */
    private static Optional<String> invoiceSubscription(JsonObject invoice) {
        JsonElement parent = invoice.get("parent");
        if (parent == null || !parent.isJsonObject()
                || !"subscription_details".equals(string(parent.getAsJsonObject(), "type").orElse(""))) {
            return Optional.empty();
        }
        JsonElement details = parent.getAsJsonObject().get("subscription_details");
        return details != null && details.isJsonObject() ? idOf(details.getAsJsonObject(), "subscription")
                : Optional.empty();
    }

    /**
     * The subscription state, typed by stripe-java's own model, but only when the event was rendered at the API
     * release stripe-java pins (as its EventDataObjectDeserializer does): a payload of another release may lack
     * or rename fields, so for it this is empty and the handler asks Stripe instead of guessing.
     */
    private static Optional<Subscription> subscriptionState(JsonObject root, String objectType, JsonObject object) {
        if (!"subscription".equals(objectType) || !sameRelease(string(root, "api_version").orElse(""))) {
            return Optional.empty();
        }
        try {
            return Optional.of(StripeTranslation.subscription(
                    ApiResource.GSON.fromJson(object, com.stripe.model.Subscription.class)));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** "2026-07-29.dahlia" and "2026-08-15.dahlia" are one release; "2025-03-31.basil" is another. */
    private static boolean sameRelease(String apiVersion) {
        return !apiVersion.isEmpty() && releaseOf(apiVersion).equals(releaseOf(Stripe.API_VERSION));
    }

    private static String releaseOf(String apiVersion) {
        return apiVersion.substring(apiVersion.lastIndexOf('.') + 1);
    }

    private static JsonObject dataObject(JsonObject root) {
        JsonElement data = root.get("data");
        JsonElement object = data != null && data.isJsonObject() ? data.getAsJsonObject().get("object") : null;
        if (object == null || !object.isJsonObject()) {
            throw new RejectedWebhookException("event has no data.object");
        }
        return object.getAsJsonObject();
    }

    private static Optional<String> string(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() ? Optional.of(value.getAsString()) : Optional.empty();
    }

    /** An id field may hold the id, or the whole object when expanded. */
    private static Optional<String> idOf(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (value != null && value.isJsonObject()) {
            return string(value.getAsJsonObject(), "id");
        }
        return string(object, field);
    }
}

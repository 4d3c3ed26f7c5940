package dev.tollgate.payments.infrastructure.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.Event;
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

    static StripeEvent read(Event event, String payload) {
        if (event.getId() == null || event.getType() == null || event.getCreated() == null) {
            throw new RejectedWebhookException("not a Stripe event");
        }
        JsonObject object = dataObject(payload);
        String objectType = string(object, "object").orElse("");
        Optional<String> customer = "customer".equals(objectType) ? string(object, "id") : idOf(object, "customer");
        return new StripeEvent(event.getId(), event.getType(), Boolean.TRUE.equals(event.getLivemode()),
                Instant.ofEpochSecond(event.getCreated()), string(object, "id").orElse(null), objectType,
                customer, string(object, "client_reference_id"), subscriptionIdOf(objectType, object),
                subscriptionState(event), reversalOf(objectType, object, customer, event.getCreated()),
                checkoutSessionOf(objectType, object, customer), payload);
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
        return value != null && value.isJsonPrimitive() ? value.getAsLong() : 0;
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
     * stripe-java deserialises the object only when the event was rendered at its pinned API release; for any
     * other release this is empty and the handler fetches the subscription instead of guessing at its shape.
     */
    private static Optional<Subscription> subscriptionState(Event event) {
        try {
            return event.getDataObjectDeserializer().getObject()
                    .filter(com.stripe.model.Subscription.class::isInstance)
                    .map(object -> StripeTranslation.subscription((com.stripe.model.Subscription) object));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Read from the raw JSON, not the typed model: this works whatever API version rendered the event. */
    private static JsonObject dataObject(String payload) {
        try {
            JsonObject root = JsonParser.parseString(payload).getAsJsonObject();
            return root.getAsJsonObject("data").getAsJsonObject("object");
        } catch (RuntimeException notAnEventShape) {
            throw new RejectedWebhookException("event has no data.object");
        }
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

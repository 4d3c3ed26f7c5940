package dev.tollgate.payments.infrastructure.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks a webhook delivery against every configured signing secret and turns it into a {@link StripeEvent}.
 * stripe-java accepts any timestamp in the future and throws unchecked exceptions on garbage; both are closed
 * here, so every bad delivery ends as one {@link RejectedWebhookException}.
 */
public final class WebhookVerifier {

    /** Stripe's default: a signature older than five minutes may be a replay. */
    public static final long TOLERANCE_SECONDS = 300;

    private final List<String> secrets;
    private final Clock clock;

    public WebhookVerifier(List<String> secrets, Clock clock) {
        this.secrets = List.copyOf(secrets);
        this.clock = clock;
    }

    /**
     * @param payload the raw body, exactly as received
     * @param signatureHeader the {@code Stripe-Signature} header, possibly null
     */
    public StripeEvent verify(String payload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new RejectedWebhookException("missing Stripe-Signature header");
        }
        refuseFutureTimestamp(signatureHeader);
        Event event = null;
        for (String secret : secrets) {
            try {
                event = Webhook.constructEvent(payload, signatureHeader, secret, TOLERANCE_SECONDS, clock);
                break;
            } catch (SignatureVerificationException wrongSecretOrStale) {
                // try the next secret: during a rotation Stripe signs with each
            } catch (RuntimeException garbage) {
                throw new RejectedWebhookException("malformed webhook body or signature header");
            }
        }
        if (event == null) {
            throw new RejectedWebhookException("signature does not match or timestamp outside tolerance");
        }
        return toStripeEvent(event, payload);
    }

    private void refuseFutureTimestamp(String header) {
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && "t".equals(kv[0])) {
                try {
                    if (Long.parseLong(kv[1]) > clock.instant().getEpochSecond() + TOLERANCE_SECONDS) {
                        throw new RejectedWebhookException("signature timestamp is in the future");
                    }
                    return;
                } catch (NumberFormatException notANumber) {
                    throw new RejectedWebhookException("malformed Stripe-Signature header");
                }
            }
        }
        throw new RejectedWebhookException("malformed Stripe-Signature header");
    }

    private static StripeEvent toStripeEvent(Event event, String payload) {
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

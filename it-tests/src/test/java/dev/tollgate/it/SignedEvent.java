package dev.tollgate.it;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.UUID;

import com.google.gson.JsonObject;
import com.stripe.net.Webhook;

/**
 * A Stripe event as the webhook endpoint receives it: the raw JSON body and a {@code Stripe-Signature} header made
 * by stripe-java's own signing helper, so the server's check is exercised exactly as Stripe would exercise it.
 */
record SignedEvent(String id, String body, String signature) {

    /** The API version stripe-java 33.3.0 pins; events rendered at it deserialize without fallbacks. */
    static final String API_VERSION = "2026-07-29.dahlia";

    /** A real Stripe event type that Tollgate has no handler for, so the endpoint records it as ignored. */
    static final String UNHANDLED_TYPE = "product.created";

    /** A new test-mode event of {@link #UNHANDLED_TYPE}, signed with {@code webhookSecret}. */
    static SignedEvent unhandled(String webhookSecret) {
        return unhandled(false, webhookSecret);
    }

    /** The same kind of event as live mode sends it, which a test-mode endpoint must refuse. */
    static SignedEvent unhandledLive(String webhookSecret) {
        return unhandled(true, webhookSecret);
    }

    private static SignedEvent unhandled(boolean livemode, String webhookSecret) {
        String id = "evt_it_" + randomSuffix();
        return signed(id, unhandledBody(id, livemode), webhookSecret);
    }

    /**
     * The same event signed again with {@code webhookSecret}: same id and body, a fresh timestamp and signature,
     * as Stripe sends a retry (or, with a wrong secret, as a forger would).
     */
    SignedEvent resignedWith(String webhookSecret) {
        return signed(id, body, webhookSecret);
    }

    /** {@code body} (an event with id {@code id}) and its signature made now with {@code webhookSecret}. */
    static SignedEvent signed(String id, String body, String webhookSecret) {
        try {
            return new SignedEvent(id, body, Webhook.Signature.generateSignatureHeader(body, webhookSecret));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable in this JVM", e);
        }
    }

    private static String unhandledBody(String id, boolean livemode) {
        long now = Instant.now().getEpochSecond();
        JsonObject product = new JsonObject();
        product.addProperty("id", "prod_it_" + randomSuffix());
        product.addProperty("object", "product");
        product.addProperty("active", true);
        product.addProperty("name", "Smoke test product");
        product.addProperty("created", now);
        product.addProperty("livemode", livemode);
        JsonObject data = new JsonObject();
        data.add("object", product);
        JsonObject request = new JsonObject();
        request.add("id", null);
        request.add("idempotency_key", null);

        JsonObject event = new JsonObject();
        event.addProperty("id", id);
        event.addProperty("object", "event");
        event.addProperty("api_version", API_VERSION);
        event.addProperty("created", now);
        event.add("data", data);
        event.addProperty("livemode", livemode);
        event.addProperty("pending_webhooks", 1);
        event.add("request", request);
        event.addProperty("type", UNHANDLED_TYPE);
        return event.toString();
    }

    static String randomSuffix() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}

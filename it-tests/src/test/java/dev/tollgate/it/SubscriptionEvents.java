package dev.tollgate.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code customer.subscription.*} events as Stripe renders them at the pinned API version. The subscription starts
 * from Stripe's own example object ({@code stripe-subscription.json}, copied unchanged from the {@code subscription}
 * entry of Stripe's OpenAPI fixtures, fixtures3.json, MIT licence) and only the fields a test means are set:
 * ids, customer, status, the one item's price and period.
 */
final class SubscriptionEvents {

    private static final String FIXTURE = "/dev/tollgate/it/stripe-subscription.json";
    private static final Duration PERIOD = Duration.ofDays(30);

    private SubscriptionEvents() {
    }

    /** {@code customer.subscription.created} for an active subscription of {@code priceId}, period started now. */
    static SignedEvent created(String customerId, String subscriptionId, String priceId, String webhookSecret) {
        long now = Instant.now().getEpochSecond();
        JsonObject subscription = activeSubscription(customerId, subscriptionId, priceId, now);
        String id = "evt_it_" + SignedEvent.randomSuffix();
        return SignedEvent.signed(id, event(id, "customer.subscription.created", subscription, now).toString(),
                webhookSecret);
    }

    private static JsonObject activeSubscription(String customerId, String subscriptionId, String priceId,
            long now) {
        JsonObject subscription = fixture();
        subscription.addProperty("id", subscriptionId);
        subscription.addProperty("customer", customerId);
        subscription.addProperty("status", "active");
        subscription.addProperty("livemode", false);
        subscription.addProperty("created", now);
        subscription.addProperty("start_date", now);
        subscription.addProperty("billing_cycle_anchor", now);
        subscription.addProperty("cancel_at_period_end", false);
        for (String notSet : new String[] {"cancel_at", "canceled_at", "ended_at", "trial_start", "trial_end",
                "pending_update", "next_pending_invoice_item_invoice", "pause_collection", "transfer_data"}) {
            subscription.add(notSet, JsonNull.INSTANCE);
        }
        JsonArray items = subscription.getAsJsonObject("items").getAsJsonArray("data");
        JsonObject item = items.get(0).getAsJsonObject();
        item.addProperty("subscription", subscriptionId);
        item.addProperty("created", now);
        item.addProperty("current_period_start", now);
        item.addProperty("current_period_end", now + PERIOD.toSeconds());
        item.getAsJsonObject("price").addProperty("id", priceId);
        item.getAsJsonObject("price").addProperty("livemode", false);
        subscription.getAsJsonObject("items").addProperty("url",
                "/v1/subscription_items?subscription=" + subscriptionId);
        JsonArray oneItem = new JsonArray();
        oneItem.add(item);
        subscription.getAsJsonObject("items").add("data", oneItem);
        return subscription;
    }

    private static JsonObject event(String id, String type, JsonObject object, long created) {
        JsonObject data = new JsonObject();
        data.add("object", object);
        JsonObject request = new JsonObject();
        request.add("id", JsonNull.INSTANCE);
        request.add("idempotency_key", JsonNull.INSTANCE);
        JsonObject event = new JsonObject();
        event.addProperty("id", id);
        event.addProperty("object", "event");
        event.addProperty("api_version", SignedEvent.API_VERSION);
        event.addProperty("created", created);
        event.add("data", data);
        event.addProperty("livemode", false);
        event.addProperty("pending_webhooks", 1);
        event.add("request", request);
        event.addProperty("type", type);
        return event;
    }

    private static JsonObject fixture() {
        try (InputStream in = SubscriptionEvents.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + FIXTURE);
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

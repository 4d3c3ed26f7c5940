package dev.tollgate.it.webhook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.Stripe;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Real-shaped Stripe events, built from Stripe's own example objects ({@code stripe-fixtures.json}, copied from
 * {@code fixtures3.json}; see the notice beside it) with ids, times and states of the scenario put in.
 */
final class StripeEvents {

    /** The release stripe-java 33.3.0 pins: payloads rendered at it deserialize into typed objects. */
    static final String PINNED_API_VERSION = Stripe.API_VERSION;
    /** A release before the pinned one: stripe-java refuses to deserialize its objects, so Tollgate must re-fetch. */
    static final String BASIL_API_VERSION = "2025-03-31.basil";
    /** The plan the demo's catalog calls pro. */
    static final String PRO_PRICE = "price_pro_monthly";

    private static final JsonObject FIXTURES = load();

    private StripeEvents() {
    }

    static String newEventId() {
        return "evt_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /**
     * A subscription as Stripe renders it at the pinned release: the fixture with one item on {@code price}, the
     * billing period on the item (since basil), and the given status.
     */
    static JsonObject subscription(String id, String customer, String status, long periodStart, long periodEnd) {
        JsonObject subscription = copy("subscription");
        subscription.addProperty("id", id);
        subscription.addProperty("customer", customer);
        subscription.addProperty("status", status);
        subscription.addProperty("created", periodStart);
        subscription.addProperty("billing_cycle_anchor", periodStart);
        subscription.addProperty("cancel_at_period_end", false);
        for (String unset : new String[] {"cancel_at", "canceled_at", "ended_at", "next_pending_invoice_item_invoice",
                "pause_collection"}) {
            subscription.add(unset, JsonNull.INSTANCE);
        }
        JsonObject items = subscription.getAsJsonObject("items");
        JsonObject item = items.getAsJsonArray("data").get(0).getAsJsonObject();
        item.addProperty("subscription", id);
        item.addProperty("current_period_start", periodStart);
        item.addProperty("current_period_end", periodEnd);
        item.getAsJsonObject("price").addProperty("id", PRO_PRICE);
        item.remove("plan"); // a legacy mirror of the price; the fixture's is a placeholder
        JsonArray onlyItem = new JsonArray();
        onlyItem.add(item);
        items.add("data", onlyItem);
        items.addProperty("url", "/v1/subscription_items?subscription=" + id);
        return subscription;
    }

    /** A test-mode event of {@code type} about {@code object}, rendered at {@code apiVersion}. */
    static String event(String id, String type, long created, String apiVersion, JsonObject object) {
        return event(id, type, created, apiVersion, false, object);
    }

    static String event(String id, String type, long created, String apiVersion, boolean livemode, JsonObject object) {
        JsonObject event = copy("event");
        event.addProperty("id", id);
        event.addProperty("type", type);
        event.addProperty("created", created);
        event.addProperty("api_version", apiVersion);
        event.addProperty("livemode", livemode);
        event.addProperty("pending_webhooks", 1);
        JsonObject data = new JsonObject();
        data.add("object", object);
        event.add("data", data);
        return event.toString();
    }

    /** A {@code customer.subscription.updated} at the pinned release. */
    static String subscriptionUpdated(String eventId, long created, JsonObject subscription) {
        return event(eventId, "customer.subscription.updated", created, PINNED_API_VERSION, subscription);
    }

    /** Stripe's example charge, of {@code customer}, with {@code id}. */
    static JsonObject charge(String id, String customer) {
        JsonObject charge = copy("charge");
        charge.addProperty("id", id);
        charge.addProperty("customer", customer);
        return charge;
    }

    /** Stripe's example dispute of {@code charge}, with {@code id} and {@code status}. */
    static JsonObject dispute(String id, String charge, String status) {
        JsonObject dispute = copy("dispute");
        dispute.addProperty("id", id);
        dispute.addProperty("charge", charge);
        dispute.addProperty("status", status);
        return dispute;
    }

    /** Stripe's example invoice, of {@code subscription}, named the basil way (parent.subscription_details). */
    static JsonObject invoice(String id, String customer, String subscription) {
        JsonObject invoice = copy("invoice");
        invoice.addProperty("id", id);
        invoice.addProperty("customer", customer);
        invoice.addProperty("status", "paid");
        JsonObject parent = new JsonObject();
        parent.add("quote_details", JsonNull.INSTANCE);
        JsonObject details = new JsonObject();
        details.add("metadata", JsonNull.INSTANCE);
        details.addProperty("subscription", subscription);
        parent.add("subscription_details", details);
        parent.addProperty("type", "subscription_details");
        invoice.add("parent", parent);
        return invoice;
    }

    private static JsonObject copy(String resource) {
        JsonElement fixture = FIXTURES.get(resource);
        if (fixture == null) {
            throw new IllegalStateException("no '" + resource + "' in stripe-fixtures.json");
        }
        return fixture.deepCopy().getAsJsonObject();
    }

    private static JsonObject load() {
        try (InputStream in = StripeEvents.class.getResourceAsStream("stripe-fixtures.json")) {
            if (in == null) {
                throw new IllegalStateException("stripe-fixtures.json is not on the test class path");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

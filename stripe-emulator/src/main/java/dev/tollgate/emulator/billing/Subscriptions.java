package dev.tollgate.emulator.billing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.List;
import java.util.Map;

/**
 * Subscriptions in the basil/dahlia shape: the billing period lives on each item
 * ({@code items.data[i].current_period_start/_end}). Call under the store's lock.
 */
public final class Subscriptions {
    private final Store store;
    private final Prorations prorations;

    public Subscriptions(Store store, Prorations prorations) {
        this.store = store;
        this.prorations = prorations;
    }

    /** One line of a subscription: a recurring price and how many. */
    public record Line(JsonObject price, long quantity) {
    }

    /** True while the subscription still exists for billing (not canceled, not expired). */
    public static boolean isLive(JsonObject subscription) {
        String status = Json.string(subscription, "status");
        return !"canceled".equals(status) && !"incomplete_expired".equals(status);
    }

    /**
     * Builds an active subscription whose first period starts now. No event yet: the caller records
     * {@code customer.subscription.created} when the rest of the purchase exists, as Stripe does.
     */
    public JsonObject createActive(String customerId, List<Line> lines, Map<String, String> metadata,
            String paymentMethodId) {
        return create(customerId, lines, metadata, paymentMethodId, null);
    }

    /**
     * What a trial looks like: when it ends and what happens then without a payment method ({@code cancel},
     * {@code create_invoice} or {@code pause}, Stripe's {@code trial_settings.end_behavior.missing_payment_method}).
     */
    public record Trial(long end, String missingPaymentMethod) {
    }

    /** Builds a subscription that is {@code trialing} until {@code trial.end()}, or {@code active} without one. */
    public JsonObject create(String customerId, List<Line> lines, Map<String, String> metadata,
            String paymentMethodId, Trial trial) {
        long now = store.now();
        String id = store.newId("sub");
        JsonObject first = lines.get(0).price();

        JsonArray items = new JsonArray();
        for (Line line : lines) {
            JsonObject item = item(id, line, now);
            if (trial != null) {
                item.addProperty("current_period_end", trial.end());
            }
            items.add(item);
        }
        JsonObject subscription = new JsonObject();
        subscription.addProperty("id", id);
        subscription.addProperty("object", "subscription");
        Json.putNulls(subscription, "application", "application_fee_percent", "cancel_at", "canceled_at",
                "days_until_due", "default_source", "description", "ended_at", "latest_invoice", "on_behalf_of",
                "pause_collection", "pending_setup_intent", "pending_update", "schedule", "test_clock",
                "trial_end", "trial_start");
        JsonObject automaticTax = new JsonObject();
        automaticTax.addProperty("enabled", false);
        Json.putNulls(automaticTax, "disabled_reason", "liability");
        subscription.add("automatic_tax", automaticTax);
        subscription.addProperty("billing_cycle_anchor", now);
        JsonObject billingMode = new JsonObject();
        billingMode.addProperty("type", "flexible");
        subscription.add("billing_mode", billingMode);
        subscription.addProperty("cancel_at_period_end", false);
        JsonObject cancellation = new JsonObject();
        Json.putNulls(cancellation, "comment", "feedback", "reason");
        subscription.add("cancellation_details", cancellation);
        subscription.addProperty("collection_method", "charge_automatically");
        subscription.addProperty("created", now);
        subscription.addProperty("currency", Json.string(first, "currency"));
        subscription.addProperty("customer", customerId);
        Json.put(subscription, "default_payment_method", paymentMethodId);
        subscription.add("discounts", new JsonArray());
        subscription.add("items", Json.list(toList(items), false, "/v1/subscription_items?subscription=" + id));
        subscription.addProperty("livemode", false);
        subscription.add("metadata", Json.stringMap(metadata));
        subscription.addProperty("start_date", now);
        subscription.addProperty("status", trial == null ? "active" : "trialing");
        store.find("customer", customerId).ifPresent(customer ->
                Json.put(subscription, "test_clock", Json.string(customer, "test_clock")));
        JsonObject endBehavior = new JsonObject();
        endBehavior.addProperty("missing_payment_method",
                trial == null ? "create_invoice" : trial.missingPaymentMethod());
        JsonObject trialSettings = new JsonObject();
        trialSettings.add("end_behavior", endBehavior);
        subscription.add("trial_settings", trialSettings);
        if (trial != null) {
            subscription.addProperty("trial_start", now);
            subscription.addProperty("trial_end", trial.end());
            subscription.addProperty("billing_cycle_anchor", trial.end()); // billing starts when the trial ends
        }
        return store.insert(subscription);
    }

    private static List<JsonObject> toList(JsonArray array) {
        return array.asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    private JsonObject item(String subscriptionId, Line line, long now) {
        JsonObject price = line.price();
        JsonObject recurring = price.getAsJsonObject("recurring");
        JsonObject item = new JsonObject();
        item.addProperty("id", store.newId("si"));
        item.addProperty("object", "subscription_item");
        item.addProperty("created", now);
        item.addProperty("current_period_start", now);
        item.addProperty("current_period_end", Periods.end(now, Json.string(recurring, "interval"),
                Json.integer(recurring, "interval_count")));
        item.add("discounts", new JsonArray());
        item.add("metadata", new JsonObject());
        item.add("plan", Plans.fromPrice(price));
        item.add("price", price.deepCopy());
        item.addProperty("quantity", line.quantity());
        item.addProperty("subscription", subscriptionId);
        item.add("tax_rates", new JsonArray());
        return item;
    }

    public JsonObject require(String id) {
        return store.find("subscription", id).orElseThrow(() -> ApiError.noSuch("subscription", id, null));
    }

    /** The end of the current period: the latest item period end. */
    public static long currentPeriodEnd(JsonObject subscription) {
        long end = 0;
        for (JsonElement item : subscription.getAsJsonObject("items").getAsJsonArray("data")) {
            end = Math.max(end, Json.integer(item.getAsJsonObject(), "current_period_end"));
        }
        return end;
    }

    /** Schedules (or unschedules) the end of the subscription at its period end. */
    public JsonObject setCancelAtPeriodEnd(String id, boolean cancel, Map<String, String> metadata) {
        JsonObject subscription = require(id);
        if (!isLive(subscription)) {
            throw ApiError.stateConflict("A canceled subscription can only update its cancellation_details and "
                    + "metadata.");
        }
        JsonObject before = subscription.deepCopy();
        subscription.addProperty("cancel_at_period_end", cancel);
        if (cancel) {
            subscription.addProperty("cancel_at", currentPeriodEnd(subscription));
            subscription.addProperty("canceled_at", store.now());
            subscription.getAsJsonObject("cancellation_details").addProperty("reason", "cancellation_requested");
        } else {
            Json.putNulls(subscription, "cancel_at", "canceled_at");
            subscription.getAsJsonObject("cancellation_details").add("reason", JsonNull.INSTANCE);
        }
        Json.mergeMetadata(subscription, metadata);
        recordUpdate(subscription, before);
        return subscription;
    }

    /**
     * Moves a one-line subscription to another price billed at the same interval: the item keeps its id and its
     * billing period, its price (with the legacy {@code plan} view) changes at once, and — unless
     * {@code behavior} is {@code none} — the unused time on the old price and the remaining time on the new one
     * become pending prorations (which {@link PlanSwitches} invoices at once for {@code always_invoice}). A switch
     * to another interval is {@link Renewals#switchInterval}.
     */
    public JsonObject switchPrice(String id, JsonObject price, ProrationBehavior behavior) {
        JsonObject subscription = requireSwitchable(id, price);
        JsonObject item = onlyItem(subscription);
        if (!sameInterval(item.getAsJsonObject("price"), price)) {
            throw ApiError.invalidParam("price", "The price " + Json.string(price, "id") + " is billed at another "
                    + "interval: that switch starts a new billing period.");
        }
        JsonObject before = subscription.deepCopy();
        if (behavior.prorates()) {
            prorations.forPriceChange(subscription, item, price);
        }
        usePrice(item, price);
        recordUpdate(subscription, before);
        return subscription;
    }

    /** The live one-line subscription {@code id}, which {@link #canSwitch} lets move to {@code price}. */
    JsonObject requireSwitchable(String id, JsonObject price) {
        JsonObject subscription = require(id);
        if (!isLive(subscription)) {
            throw ApiError.stateConflict("A canceled subscription cannot change its price.");
        }
        JsonObject item = onlyItem(subscription);
        if (!canSwitch(item.getAsJsonObject("price"), price)) {
            throw ApiError.invalidParam("price", "The price " + Json.string(price, "id") + " cannot replace "
                    + Json.string(item.getAsJsonObject("price"), "id") + ": it must be another active recurring "
                    + "price of the same currency.");
        }
        return subscription;
    }

    static JsonObject onlyItem(JsonObject subscription) {
        JsonArray items = subscription.getAsJsonObject("items").getAsJsonArray("data");
        if (items.size() != 1) {
            throw ApiError.invalidParam("items", "Only a subscription with one item can switch its price here.");
        }
        return items.get(0).getAsJsonObject();
    }

    static void usePrice(JsonObject item, JsonObject price) {
        item.add("price", price.deepCopy());
        item.add("plan", Plans.fromPrice(price));
    }

    /**
     * Whether a subscription on {@code current} may switch to {@code candidate}: another active recurring price in
     * the same currency. One billed at another interval starts a new billing period ({@link Renewals#switchInterval}).
     */
    public static boolean canSwitch(JsonObject current, JsonObject candidate) {
        return Json.object(current, "recurring") != null && Json.object(candidate, "recurring") != null
                && Json.bool(candidate, "active")
                && !Json.string(current, "id").equals(Json.string(candidate, "id"))
                && Json.string(current, "currency").equals(Json.string(candidate, "currency"));
    }

    /** Whether two recurring prices bill at the same interval (and count), so a switch keeps the period. */
    public static boolean sameInterval(JsonObject current, JsonObject candidate) {
        JsonObject now = Json.object(current, "recurring");
        JsonObject next = Json.object(candidate, "recurring");
        return Json.string(now, "interval").equals(Json.string(next, "interval"))
                && Math.max(1, Json.integer(now, "interval_count")) == Math.max(1, Json.integer(next, "interval_count"));
    }

    /** Charges later invoices to another of the customer's payment methods. */
    public JsonObject setDefaultPaymentMethod(String id, String paymentMethodId) {
        JsonObject subscription = require(id);
        JsonObject method = store.find("payment_method", paymentMethodId).orElseThrow(() ->
                ApiError.noSuch("payment_method", paymentMethodId, "default_payment_method"));
        if (!Json.string(subscription, "customer").equals(Json.string(method, "customer"))) {
            throw ApiError.invalidParam("default_payment_method", "The customer does not have a payment method "
                    + "with the ID " + paymentMethodId + ". The payment method must be attached to the customer.");
        }
        JsonObject before = subscription.deepCopy();
        subscription.addProperty("default_payment_method", paymentMethodId);
        recordUpdate(subscription, before);
        return subscription;
    }

    /** Updates metadata only (a canceled subscription still allows that). */
    public JsonObject updateMetadata(String id, Map<String, String> metadata) {
        JsonObject subscription = require(id);
        JsonObject before = subscription.deepCopy();
        Json.mergeMetadata(subscription, metadata);
        recordUpdate(subscription, before);
        return subscription;
    }

    /** Records {@code customer.subscription.updated} with what changed since {@code before}, if anything did. */
    public void recordUpdate(JsonObject subscription, JsonObject before) {
        JsonObject previous = Changes.previousAttributes(before, subscription);
        if (previous != null) {
            store.recordEvent("customer.subscription.updated", subscription, previous);
        }
    }

    /** Ends the subscription now ({@code DELETE /v1/subscriptions/{id}}, or the portal's "cancel now"). */
    public JsonObject cancelNow(String id) {
        JsonObject subscription = require(id);
        if (!isLive(subscription)) {
            throw new ApiError(400, "invalid_request_error", "resource_missing",
                    "No such subscription: '" + id + "'", null);
        }
        long now = store.now();
        subscription.addProperty("status", "canceled");
        subscription.addProperty("canceled_at", now);
        subscription.addProperty("ended_at", now);
        subscription.getAsJsonObject("cancellation_details").addProperty("reason", "cancellation_requested");
        store.recordEvent("customer.subscription.deleted", subscription, null);
        return subscription;
    }
}

package dev.tollgate.emulator.billing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.state.EventFollower;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.PublicView;
import dev.tollgate.emulator.state.Store;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A customer's active entitlements: one {@code entitlements.active_entitlement} per feature of the products of
 * the customer's subscriptions that grant access ({@code active}, {@code trialing}, {@code past_due}). They
 * follow every subscription event; each change is recorded as {@code entitlements.active_entitlement_summary.updated}
 * right after the event that caused it — except, as on Stripe, when a subscription pauses at its trial's end: the
 * entitlements go, silently, and only a list call (or the next summary) shows it. Call under the store's lock.
 */
public final class Entitlements implements EventFollower {
    public static final String ACTIVE_ENTITLEMENT = "entitlements.active_entitlement";
    public static final String LIST_URL = "/v1/entitlements/active_entitlements";
    static final String SUMMARY_EVENT = "entitlements.active_entitlement_summary.updated";
    /** The summary embeds at most this many entitlements, as Stripe's does; clients re-list for the rest. */
    static final int SUMMARY_LIMIT = 10;
    private static final Set<String> GRANTING = Set.of("active", "trialing", "past_due");

    private final Store store;
    private final Features features;

    public Entitlements(Store store, Features features) {
        this.store = store;
        this.features = features;
    }

    @Override
    public void recorded(String type, JsonObject object) {
        if (type.startsWith("customer.subscription.")) {
            // Stripe's known gap: no summary event when a trial ends in a pause (the only pause emulated).
            boolean announce = !"paused".equals(Json.string(object, "status"));
            settle(Json.string(object, "customer"), announce);
        }
    }

    /** Settles every customer, after a product's features changed. */
    public void settleAll() {
        for (JsonObject customer : store.all("customer")) {
            settle(Json.string(customer, "id"), true);
        }
    }

    /**
     * Brings the customer's active entitlements in line with its subscriptions and records the summary event
     * when they changed and {@code announce} is set. An entitlement keeps its id for as long as it stays active.
     */
    private void settle(String customerId, boolean announce) {
        Set<String> granted = grantedFeatureIds(customerId);
        List<JsonObject> held = held(customerId);
        Set<String> heldFeatures = new LinkedHashSet<>();
        held.forEach(entitlement -> heldFeatures.add(Json.string(entitlement, "feature")));
        if (heldFeatures.equals(granted)) {
            return;
        }
        JsonObject before = summaryList(customerId);
        for (JsonObject entitlement : held) {
            if (!granted.contains(Json.string(entitlement, "feature"))) {
                store.remove(ACTIVE_ENTITLEMENT, Json.string(entitlement, "id"));
            }
        }
        for (String featureId : granted) {
            if (!heldFeatures.contains(featureId)) {
                store.insert(entitlement(customerId, features.require(featureId, null)));
            }
        }
        if (announce) {
            JsonObject previous = new JsonObject();
            previous.add("entitlements", before);
            store.recordEvent(SUMMARY_EVENT, summary(customerId), previous);
        }
    }

    private Set<String> grantedFeatureIds(String customerId) {
        Set<String> granted = new LinkedHashSet<>();
        for (JsonObject subscription : store.all("subscription")) {
            if (!customerId.equals(Json.string(subscription, "customer"))
                    || !GRANTING.contains(Json.string(subscription, "status"))) {
                continue;
            }
            for (JsonElement item : subscription.getAsJsonObject("items").getAsJsonArray("data")) {
                String productId = Json.string(item.getAsJsonObject().getAsJsonObject("price"), "product");
                features.ofProduct(productId).forEach(link -> granted.add(Features.featureId(link)));
            }
        }
        return granted;
    }

    private JsonObject entitlement(String customerId, JsonObject feature) {
        JsonObject entitlement = new JsonObject();
        entitlement.addProperty("id", store.newId("ent_test"));
        entitlement.addProperty("object", ACTIVE_ENTITLEMENT);
        entitlement.addProperty("feature", Json.string(feature, "id"));
        entitlement.addProperty("livemode", false);
        entitlement.addProperty("lookup_key", Json.string(feature, "lookup_key"));
        entitlement.addProperty("_customer", customerId);
        return entitlement;
    }

    /** The customer's active entitlements, oldest first. */
    public List<JsonObject> held(String customerId) {
        List<JsonObject> held = new ArrayList<>();
        for (JsonObject entitlement : store.all(ACTIVE_ENTITLEMENT)) {
            if (customerId.equals(Json.string(entitlement, "_customer"))) {
                held.add(entitlement);
            }
        }
        return held;
    }

    /** {@code entitlements.active_entitlement_summary}: the customer and the first page of its entitlements. */
    private JsonObject summary(String customerId) {
        JsonObject summary = new JsonObject();
        summary.addProperty("object", "entitlements.active_entitlement_summary");
        summary.addProperty("customer", customerId);
        summary.add("entitlements", summaryList(customerId));
        summary.addProperty("livemode", false);
        return summary;
    }

    /** Newest first like the list endpoint, capped; each entitlement's feature embedded, as Stripe sends it. */
    private JsonObject summaryList(String customerId) {
        List<JsonObject> newestFirst = held(customerId);
        Collections.reverse(newestFirst);
        List<JsonObject> shown = new ArrayList<>();
        for (JsonObject entitlement : newestFirst.subList(0, Math.min(SUMMARY_LIMIT, newestFirst.size()))) {
            JsonObject view = PublicView.of(entitlement);
            view.add("feature", PublicView.of(features.require(Json.string(entitlement, "feature"), null)));
            shown.add(view);
        }
        return Json.list(shown, newestFirst.size() > SUMMARY_LIMIT, LIST_URL + "?customer=" + customerId);
    }
}

package dev.tollgate.emulator.billing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * Billing portal sessions: a link to the emulator's portal page for one customer, where the customer cancels or
 * switches a subscription to another plan. Call under the lock.
 */
public final class Portal {
    private final Store store;
    private final String hostedPagesBase;
    private final PlanSwitches planSwitches;
    private final PortalConfigurations configurations;

    public Portal(Store store, String hostedPagesBase, PlanSwitches planSwitches,
            PortalConfigurations configurations) {
        this.store = store;
        this.hostedPagesBase = hostedPagesBase;
        this.planSwitches = planSwitches;
        this.configurations = configurations;
    }

    /** A session for the customer, with the given configuration or, when null, the account's default one. */
    public JsonObject create(String customerId, String returnUrl, String configurationId) {
        String configuration = Json.string(configurations.require(
                configurationId == null ? PortalConfigurations.DEFAULT_ID : configurationId), "id");
        String id = store.newId("bps");
        JsonObject session = new JsonObject();
        session.addProperty("id", id);
        session.addProperty("object", "billing_portal.session");
        session.addProperty("configuration", configuration);
        session.addProperty("created", store.now());
        session.addProperty("customer", customerId);
        Json.putNulls(session, "flow", "locale", "on_behalf_of");
        session.addProperty("livemode", false);
        Json.put(session, "return_url", returnUrl);
        session.addProperty("url", hostedPagesBase + "/portal/" + id);
        return store.insert(session);
    }

    public JsonObject require(String id) {
        return store.find("billing_portal.session", id)
                .orElseThrow(() -> ApiError.noSuch("billing_portal.session", id, null));
    }

    /** The customer's subscriptions that can still be managed, newest first. */
    public List<JsonObject> subscriptionsOf(String customerId) {
        List<JsonObject> live = new ArrayList<>();
        for (JsonObject subscription : store.all("subscription")) {
            if (customerId.equals(Json.string(subscription, "customer")) && Subscriptions.isLive(subscription)) {
                live.add(0, subscription);
            }
        }
        return live;
    }

    /** Checks that the subscription belongs to the portal session's customer before the page touches it. */
    public JsonObject ownedSubscription(JsonObject portalSession, String subscriptionId) {
        JsonObject subscription = store.find("subscription", subscriptionId).orElse(null);
        if (subscription == null
                || !Json.string(portalSession, "customer").equals(Json.string(subscription, "customer"))) {
            throw ApiError.noSuch("subscription", subscriptionId, null);
        }
        return subscription;
    }

    /**
     * The prices a subscription can switch to in the portal session: every other price of the catalog
     * {@link Subscriptions#canSwitch} allows, in catalog order. Empty for a subscription of more than one item
     * (Stripe's portal does not switch those either) and when the session's configuration turns
     * {@code subscription_update} off.
     */
    public List<JsonObject> switchOptions(JsonObject portalSession, JsonObject subscription) {
        JsonArray items = subscription.getAsJsonObject("items").getAsJsonArray("data");
        if (items.size() != 1 || !configurations.allowsSwitching(Json.string(portalSession, "configuration"))) {
            return List.of();
        }
        JsonObject current = items.get(0).getAsJsonObject().getAsJsonObject("price");
        List<JsonObject> options = new ArrayList<>();
        for (JsonObject price : store.all("price")) {
            if (Subscriptions.canSwitch(current, price)) {
                options.add(price);
            }
        }
        return options;
    }

    /**
     * Switches the subscription to {@code priceId}, one of its {@link #switchOptions}, billed as the session's
     * configuration says ({@code features.subscription_update.proration_behavior}; see {@link PlanSwitches}).
     */
    public JsonObject switchPlan(JsonObject portalSession, JsonObject subscription, String priceId) {
        JsonObject price = switchOptions(portalSession, subscription).stream()
                .filter(candidate -> Json.string(candidate, "id").equals(priceId))
                .findFirst().orElseThrow(() -> ApiError.invalidParam("price",
                        "This subscription cannot switch to " + priceId + "."));
        return planSwitches.switchTo(subscription, price,
                configurations.prorationBehaviorOf(Json.string(portalSession, "configuration")));
    }
}

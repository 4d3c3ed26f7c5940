package dev.tollgate.emulator.billing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.List;
import java.util.Map;

/**
 * Customer portal configurations ({@code billing_portal.configuration}): what the portal lets a customer do and how
 * a plan switch there is billed ({@code features.subscription_update.proration_behavior}). The account's default one,
 * {@value #DEFAULT_ID}, exists from the start, allows switching with {@code create_prorations} and can be changed
 * like any other, as on Stripe. Call under the store's lock.
 */
public final class PortalConfigurations {
    public static final String DEFAULT_ID = "bpc_emulator_default";

    private final Store store;

    public PortalConfigurations(Store store) {
        this.store = store;
    }

    /** What a create or an update sets; a null field is left as it is (or as the default on create). */
    public record Settings(Boolean subscriptionUpdateEnabled, ProrationBehavior prorationBehavior,
                           Map<String, String> metadata) {
    }

    public JsonObject require(String id) {
        if (DEFAULT_ID.equals(id)) {
            return defaultConfiguration();
        }
        return store.find("billing_portal.configuration", id)
                .orElseThrow(() -> ApiError.noSuch("billing_portal.configuration", id, "configuration"));
    }

    /** Every configuration, the default one included, oldest first. */
    public List<JsonObject> all() {
        defaultConfiguration();
        return store.all("billing_portal.configuration");
    }

    public JsonObject create(Settings settings) {
        JsonObject configuration = newConfiguration(store.newId("bpc"), false);
        apply(configuration, settings);
        return store.insert(configuration);
    }

    public JsonObject update(String id, Settings settings) {
        JsonObject configuration = require(id);
        apply(configuration, settings);
        configuration.addProperty("updated", store.now());
        return configuration;
    }

    /** How a plan switch in a portal session made with {@code configurationId} is billed. */
    public ProrationBehavior prorationBehaviorOf(String configurationId) {
        return ProrationBehavior.parse("proration_behavior", Json.string(subscriptionUpdate(require(configurationId)),
                "proration_behavior"));
    }

    /** Whether a portal session made with {@code configurationId} lets the customer switch plans. */
    public boolean allowsSwitching(String configurationId) {
        return Json.bool(subscriptionUpdate(require(configurationId)), "enabled");
    }

    private JsonObject defaultConfiguration() {
        return store.find("billing_portal.configuration", DEFAULT_ID)
                .orElseGet(() -> store.insert(newConfiguration(DEFAULT_ID, true)));
    }

    private static JsonObject subscriptionUpdate(JsonObject configuration) {
        return configuration.getAsJsonObject("features").getAsJsonObject("subscription_update");
    }

    private static void apply(JsonObject configuration, Settings settings) {
        JsonObject update = subscriptionUpdate(configuration);
        if (settings.subscriptionUpdateEnabled() != null) {
            update.addProperty("enabled", settings.subscriptionUpdateEnabled());
        }
        if (settings.prorationBehavior() != null) {
            update.addProperty("proration_behavior", settings.prorationBehavior().wireName());
        }
        Json.mergeMetadata(configuration, settings.metadata());
    }

    private JsonObject newConfiguration(String id, boolean isDefault) {
        JsonObject update = new JsonObject();
        JsonArray allowed = new JsonArray();
        allowed.add("price");
        update.add("default_allowed_updates", allowed);
        update.addProperty("enabled", true);
        update.add("products", new JsonArray());
        update.addProperty("proration_behavior", ProrationBehavior.CREATE_PRORATIONS.wireName());
        JsonObject enabled = new JsonObject();
        enabled.addProperty("enabled", true);
        JsonObject features = new JsonObject();
        features.add("subscription_cancel", enabled.deepCopy());
        features.add("subscription_update", update);

        JsonObject configuration = new JsonObject();
        configuration.addProperty("id", id);
        configuration.addProperty("object", "billing_portal.configuration");
        configuration.addProperty("active", true);
        Json.putNulls(configuration, "application", "default_return_url", "name");
        configuration.addProperty("created", store.now());
        configuration.add("features", features);
        configuration.addProperty("is_default", isDefault);
        configuration.addProperty("livemode", false);
        Json.mergeMetadata(configuration, Map.of());
        configuration.addProperty("updated", store.now());
        return configuration;
    }
}

package dev.tollgate.emulator.billing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stripe Entitlements' catalog side: {@code entitlements.feature} objects (a unique {@code lookup_key} each) and
 * the {@code product_feature} links that attach them to products. Call under the store's lock.
 */
public final class Features {
    /** Stripe's limit for a feature's {@code name} and {@code lookup_key}. */
    public static final int MAX_KEY_LENGTH = 80;
    static final String FEATURE = "entitlements.feature";
    static final String PRODUCT_FEATURE = "product_feature";

    private final Store store;

    public Features(Store store) {
        this.store = store;
    }

    /** A new feature; {@code lookup_key} must be unused. */
    public JsonObject create(String name, String lookupKey, Map<String, String> metadata) {
        checkLength("name", name);
        checkLength("lookup_key", lookupKey);
        if (byLookupKey(lookupKey) != null) {
            throw new ApiError(400, "invalid_request_error", "resource_already_exists",
                    "A feature with the lookup_key '" + lookupKey + "' already exists.", "lookup_key");
        }
        JsonObject feature = new JsonObject();
        feature.addProperty("id", store.newId("feat_test"));
        feature.addProperty("object", FEATURE);
        feature.addProperty("active", true);
        feature.addProperty("livemode", false);
        feature.addProperty("lookup_key", lookupKey);
        feature.add("metadata", Json.stringMap(metadata));
        feature.addProperty("name", name);
        return store.insert(feature);
    }

    private static void checkLength(String param, String value) {
        if (value.length() > MAX_KEY_LENGTH) {
            throw ApiError.invalidParam(param, "Invalid string: " + value.substring(0, 20) + "...; must be at most "
                    + MAX_KEY_LENGTH + " characters");
        }
    }

    /**
     * Renames, re-labels or archives a feature. An archived feature leaves the list and cannot be attached any
     * more; where it is attached already it keeps granting (the emulator's reading: archiving is about the
     * catalog, not about access already sold).
     */
    public JsonObject update(String id, String name, Boolean active, Map<String, String> metadata) {
        JsonObject feature = require(id, null);
        if (name != null) {
            checkLength("name", name);
            feature.addProperty("name", name);
        }
        if (active != null) {
            feature.addProperty("active", active);
        }
        Json.mergeMetadata(feature, metadata);
        return feature;
    }

    public JsonObject require(String id, String param) {
        return store.find(FEATURE, id).orElseThrow(() -> ApiError.noSuch("feature", id, param));
    }

    /** The feature with this lookup key, or null. */
    public JsonObject byLookupKey(String lookupKey) {
        for (JsonObject feature : store.all(FEATURE)) {
            if (lookupKey.equals(Json.string(feature, "lookup_key"))) {
                return feature;
            }
        }
        return null;
    }

    /**
     * Attaches a feature to a product ({@code POST /v1/products/{id}/features}). Subscribers' entitlements are
     * the caller's to settle ({@link Entitlements#settleAll}).
     */
    public JsonObject attach(String productId, String featureId) {
        JsonObject feature = require(featureId, "entitlement_feature");
        if (!Json.bool(feature, "active")) {
            throw ApiError.invalidParam("entitlement_feature", "An archived feature cannot be attached to a "
                    + "product.");
        }
        for (JsonObject existing : ofProduct(productId)) {
            if (featureId.equals(featureId(existing))) {
                throw ApiError.invalidParam("entitlement_feature", "The feature " + featureId
                        + " is already attached to the product " + productId + ".");
            }
        }
        JsonObject link = new JsonObject();
        link.addProperty("id", store.newId("prodft"));
        link.addProperty("object", PRODUCT_FEATURE);
        link.add("entitlement_feature", feature.deepCopy());
        link.addProperty("livemode", false);
        link.addProperty("_product", productId);
        return store.insert(link);
    }

    /** Removes a feature from a product; answers Stripe's deleted stub. */
    public JsonObject detach(String productId, String productFeatureId) {
        JsonObject link = ofProduct(productId, productFeatureId);
        store.remove(PRODUCT_FEATURE, productFeatureId);
        JsonObject stub = new JsonObject();
        stub.addProperty("id", Json.string(link, "id"));
        stub.addProperty("object", PRODUCT_FEATURE);
        stub.addProperty("deleted", true);
        return stub;
    }

    /** One of a product's feature links, or Stripe's "No such product_feature". */
    public JsonObject ofProduct(String productId, String productFeatureId) {
        return store.find(PRODUCT_FEATURE, productFeatureId)
                .filter(link -> productId.equals(Json.string(link, "_product")))
                .orElseThrow(() -> ApiError.noSuch("product_feature", productFeatureId, null));
    }

    /** A product's feature links, oldest first. */
    public List<JsonObject> ofProduct(String productId) {
        List<JsonObject> links = new ArrayList<>();
        for (JsonObject link : store.all(PRODUCT_FEATURE)) {
            if (productId.equals(Json.string(link, "_product"))) {
                links.add(link);
            }
        }
        return links;
    }

    static String featureId(JsonObject productFeature) {
        return Json.string(productFeature.getAsJsonObject("entitlement_feature"), "id");
    }

    /**
     * Seeds a catalog product's {@code "features"}: each a lookup key ({@code "courses"}) or
     * {@code {"lookup_key","name"}}; a feature is created the first time its key appears, then reused.
     */
    void seed(String productId, Iterable<JsonElement> specs) {
        for (JsonElement spec : specs) {
            String lookupKey;
            String name;
            if (spec.isJsonObject()) {
                lookupKey = Json.string(spec.getAsJsonObject(), "lookup_key");
                name = Json.string(spec.getAsJsonObject(), "name");
            } else {
                lookupKey = spec.getAsString();
                name = null;
            }
            if (lookupKey == null || lookupKey.isBlank()) {
                throw new IllegalArgumentException("catalog feature without a lookup_key: " + spec);
            }
            JsonObject feature = byLookupKey(lookupKey);
            if (feature == null) {
                feature = create(name == null ? lookupKey : name, lookupKey, Map.of());
            }
            attach(productId, Json.string(feature, "id"));
        }
    }
}

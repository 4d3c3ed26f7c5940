package dev.tollgate.emulator.billing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.io.Reader;

/**
 * Products, prices and the products' entitlement features, seeded from a catalog file:
 * {@code {"products":[{"id","name","description"?,"metadata"?,"features"?:["lookup_key",…],"prices":[{"id",
 * "lookup_key"?,"unit_amount","currency","nickname"?,"recurring"?:{"interval","interval_count"?,
 * "trial_period_days"?}}]}]}}.
 */
public final class Catalog {
    private final Store store;
    private final Features features;

    public Catalog(Store store, Features features) {
        this.store = store;
        this.features = features;
    }

    /** Adds every product and price of a catalog file. */
    public void seed(Reader catalogJson) {
        JsonObject catalog = JsonParser.parseReader(catalogJson).getAsJsonObject();
        store.atomically(() -> {
            for (JsonElement entry : catalog.getAsJsonArray("products")) {
                seedProduct(entry.getAsJsonObject());
            }
            return null;
        });
    }

    private void seedProduct(JsonObject spec) {
        long now = store.now();
        String productId = required(spec, "id");
        JsonArray prices = spec.has("prices") ? spec.getAsJsonArray("prices") : new JsonArray();

        JsonObject product = new JsonObject();
        product.addProperty("id", productId);
        product.addProperty("object", "product");
        product.addProperty("active", true);
        product.addProperty("created", now);
        Json.put(product, "default_price", prices.isEmpty()
                ? null : required(prices.get(0).getAsJsonObject(), "id"));
        Json.put(product, "description", Json.string(spec, "description"));
        product.add("images", new JsonArray());
        product.addProperty("livemode", false);
        product.add("marketing_features", new JsonArray());
        product.add("metadata", spec.has("metadata") ? spec.getAsJsonObject("metadata") : new JsonObject());
        product.addProperty("name", required(spec, "name"));
        Json.putNulls(product, "package_dimensions", "shippable", "statement_descriptor", "tax_code",
                "unit_label", "url");
        product.addProperty("type", "service");
        product.addProperty("updated", now);
        store.insert(product);

        for (JsonElement price : prices) {
            store.insert(price(productId, price.getAsJsonObject(), now));
        }
        if (spec.has("features")) {
            features.seed(productId, spec.getAsJsonArray("features"));
        }
    }

    /**
     * A new price of an existing product, as {@code POST /v1/prices} makes one; {@code spec} is shaped as in a
     * catalog file. A lookup key another price holds is refused, unless {@code transferLookupKey} moves it here (how
     * Stripe changes what a lookup key costs: prices themselves never change their amount). Call under the lock.
     */
    public JsonObject create(String productId, JsonObject spec, boolean transferLookupKey) {
        product(productId, "product");
        String lookupKey = Json.string(spec, "lookup_key");
        if (lookupKey != null) {
            for (JsonObject other : store.all("price")) {
                if (lookupKey.equals(Json.string(other, "lookup_key"))) {
                    if (!transferLookupKey) {
                        throw ApiError.invalidParam("lookup_key", "A price (`" + Json.string(other, "id")
                                + "`) already uses that lookup key.");
                    }
                    other.add("lookup_key", JsonNull.INSTANCE);
                }
            }
        }
        spec.addProperty("id", store.newId("price"));
        return store.insert(price(productId, spec, store.now()));
    }

    private static JsonObject price(String productId, JsonObject spec, long now) {
        long unitAmount = spec.get("unit_amount").getAsLong();
        JsonObject recurringSpec = Json.object(spec, "recurring");

        JsonObject price = new JsonObject();
        price.addProperty("id", required(spec, "id"));
        price.addProperty("object", "price");
        price.addProperty("active", true);
        price.addProperty("billing_scheme", "per_unit");
        price.addProperty("created", now);
        price.addProperty("currency", required(spec, "currency"));
        price.add("custom_unit_amount", JsonNull.INSTANCE);
        price.addProperty("livemode", false);
        Json.put(price, "lookup_key", Json.string(spec, "lookup_key"));
        price.add("metadata", spec.has("metadata") ? spec.getAsJsonObject("metadata") : new JsonObject());
        Json.put(price, "nickname", Json.string(spec, "nickname"));
        price.addProperty("product", productId);
        price.add("recurring", recurringSpec == null ? JsonNull.INSTANCE : recurring(recurringSpec));
        price.addProperty("tax_behavior", "unspecified");
        Json.putNulls(price, "tiers_mode", "transform_quantity");
        price.addProperty("type", recurringSpec == null ? "one_time" : "recurring");
        price.addProperty("unit_amount", unitAmount);
        price.addProperty("unit_amount_decimal", Long.toString(unitAmount));
        return price;
    }

    private static JsonObject recurring(JsonObject spec) {
        JsonObject recurring = new JsonObject();
        recurring.addProperty("interval", required(spec, "interval"));
        recurring.addProperty("interval_count",
                spec.has("interval_count") ? spec.get("interval_count").getAsLong() : 1);
        recurring.add("meter", JsonNull.INSTANCE);
        recurring.add("trial_period_days",
                spec.has("trial_period_days") ? spec.get("trial_period_days") : JsonNull.INSTANCE);
        recurring.addProperty("usage_type", "licensed");
        return recurring;
    }

    private static String required(JsonObject spec, String field) {
        String value = Json.string(spec, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("catalog entry without \"" + field + "\": " + spec);
        }
        return value;
    }

    /** The price with this id; {@code param} names the request field for the error. Call under the lock. */
    public JsonObject price(String id, String param) {
        return store.find("price", id).orElseThrow(() -> ApiError.noSuch("price", id, param));
    }

    public JsonObject product(String id, String param) {
        return store.find("product", id).orElseThrow(() -> ApiError.noSuch("product", id, param));
    }

    public static boolean isRecurring(JsonObject price) {
        return "recurring".equals(Json.string(price, "type"));
    }
}

package dev.tollgate.emulator.billing;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.state.Json;

/** The legacy {@code plan} view of a recurring price, which subscription items still carry. */
final class Plans {
    private Plans() {
    }

    static JsonObject fromPrice(JsonObject price) {
        JsonObject recurring = price.getAsJsonObject("recurring");
        JsonObject plan = new JsonObject();
        plan.addProperty("id", Json.string(price, "id"));
        plan.addProperty("object", "plan");
        plan.addProperty("active", true);
        plan.addProperty("amount", Json.integer(price, "unit_amount"));
        plan.addProperty("amount_decimal", Json.string(price, "unit_amount_decimal"));
        plan.addProperty("billing_scheme", "per_unit");
        plan.addProperty("created", Json.integer(price, "created"));
        plan.addProperty("currency", Json.string(price, "currency"));
        plan.addProperty("interval", Json.string(recurring, "interval"));
        plan.addProperty("interval_count", Json.integer(recurring, "interval_count"));
        plan.addProperty("livemode", false);
        plan.add("metadata", new JsonObject());
        plan.add("meter", JsonNull.INSTANCE);
        Json.put(plan, "nickname", Json.string(price, "nickname"));
        plan.addProperty("product", Json.string(price, "product"));
        Json.putNulls(plan, "tiers_mode", "transform_usage");
        plan.add("trial_period_days", recurring.get("trial_period_days"));
        plan.addProperty("usage_type", "licensed");
        return plan;
    }
}

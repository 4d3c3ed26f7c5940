package dev.tollgate.emulator.billing;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prorations of a price change in the middle of a period ({@code proration_behavior=create_prorations}, what the
 * portal does): a credit for the unused time on the old price and a charge for the remaining time on the new one,
 * each computed to the second of the period and rounded to the currency's minor unit (half away from zero). They
 * are pending invoice items ({@code invoice: null}) until the subscription's next invoice takes them in as lines.
 * Call under the store's lock.
 */
public final class Prorations {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final Store store;

    public Prorations(Store store) {
        this.store = store;
    }

    /** The unused share of {@code price} on {@code item}'s current period from {@code at}, in minor units. */
    static long unusedShare(long unitAmount, long quantity, long periodStart, long periodEnd, long at) {
        long length = periodEnd - periodStart;
        long remaining = Math.max(0, Math.min(length, periodEnd - at));
        if (length <= 0 || remaining == 0) {
            return 0;
        }
        return BigDecimal.valueOf(unitAmount * quantity).multiply(BigDecimal.valueOf(remaining))
                .divide(BigDecimal.valueOf(length), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * Called before {@code item} changes its price: creates the credit for the unused time on its price and,
     * unless {@code newPrice} is null (a switch that starts a new period bills the new price in full instead), the
     * charge for the remaining time on {@code newPrice}, for the item's current period. Records
     * {@code invoiceitem.created} for each; creates none when nothing of the period is left or the subscription is
     * in a trial.
     */
    public void forPriceChange(JsonObject subscription, JsonObject item, JsonObject newPrice) {
        long now = store.now();
        long start = Json.integer(item, "current_period_start");
        long end = Json.integer(item, "current_period_end");
        long quantity = Json.integer(item, "quantity");
        if ("trialing".equals(Json.string(subscription, "status")) || now >= end) {
            return; // a trial has nothing paid to credit, an ended period nothing left
        }
        JsonObject oldPrice = item.getAsJsonObject("price");
        List<JsonObject> created = new ArrayList<>();
        long credit = unusedShare(Json.integer(oldPrice, "unit_amount"), quantity, start, end, now);
        created.add(pendingItem(subscription, item, oldPrice, -credit, now, end, "Unused time on "));
        if (newPrice != null) {
            long charge = unusedShare(Json.integer(newPrice, "unit_amount"), quantity, start, end, now);
            created.add(pendingItem(subscription, item, newPrice, charge, now, end, "Remaining time on "));
        }
        for (JsonObject invoiceItem : created) {
            store.recordEvent("invoiceitem.created", invoiceItem, null);
        }
    }

    /** The subscription's invoice items no invoice has taken in yet, oldest first. */
    public List<JsonObject> pendingFor(String subscriptionId) {
        List<JsonObject> pending = new ArrayList<>();
        for (JsonObject invoiceItem : store.all("invoiceitem")) {
            JsonObject details = invoiceItem.getAsJsonObject("parent").getAsJsonObject("subscription_details");
            if (Json.string(invoiceItem, "invoice") == null
                    && subscriptionId.equals(Json.string(details, "subscription"))) {
                pending.add(invoiceItem);
            }
        }
        return pending;
    }

    private JsonObject pendingItem(JsonObject subscription, JsonObject item, JsonObject price, long amount,
            long from, long to, String what) {
        String productName = store.find("product", Json.string(price, "product"))
                .map(product -> Json.string(product, "name")).orElse(Json.string(price, "product"));
        JsonObject subscriptionDetails = new JsonObject();
        subscriptionDetails.addProperty("subscription", Json.string(subscription, "id"));
        subscriptionDetails.addProperty("subscription_item", Json.string(item, "id"));
        JsonObject parent = new JsonObject();
        parent.add("subscription_details", subscriptionDetails);
        parent.addProperty("type", "subscription_details");
        JsonObject prorationDetails = new JsonObject();
        prorationDetails.add("discount_amounts", new JsonArray());

        JsonObject invoiceItem = new JsonObject();
        invoiceItem.addProperty("id", store.newId("ii"));
        invoiceItem.addProperty("object", "invoiceitem");
        invoiceItem.addProperty("amount", amount);
        invoiceItem.addProperty("currency", Json.string(price, "currency"));
        invoiceItem.addProperty("customer", Json.string(subscription, "customer"));
        invoiceItem.addProperty("date", from);
        invoiceItem.addProperty("description", what + productName + " after "
                + DAY.format(Instant.ofEpochSecond(from).atZone(ZoneOffset.UTC)));
        invoiceItem.addProperty("discountable", false);
        invoiceItem.add("discounts", new JsonArray());
        invoiceItem.add("invoice", JsonNull.INSTANCE);
        invoiceItem.addProperty("livemode", false);
        invoiceItem.add("metadata", new JsonObject());
        invoiceItem.add("parent", parent);
        invoiceItem.add("period", Invoices.period(from, to));
        invoiceItem.add("pricing", Invoices.pricingOf(price));
        invoiceItem.addProperty("proration", true);
        invoiceItem.add("proration_details", prorationDetails);
        invoiceItem.addProperty("quantity", Json.integer(item, "quantity"));
        Json.put(invoiceItem, "test_clock", Json.string(subscription, "test_clock"));
        return store.insert(invoiceItem);
    }
}

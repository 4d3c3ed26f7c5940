package dev.tollgate.emulator.billing;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import java.util.Map;
import java.util.Set;

/**
 * What a Checkout Session allows besides the card: promotion codes, automatic tax, tax ID collection, and what it may
 * write back to an existing customer ({@code customer_update[address|name|shipping]} = {@code auto} or
 * {@code never}). They are checked as Stripe checks them and shown on the session; the emulator computes no
 * discount and no tax (totals stay untaxed and undiscounted).
 */
public record CheckoutExtras(boolean allowPromotionCodes, boolean automaticTax, boolean taxIdCollection,
                             Map<String, String> customerUpdate) {

    public static final CheckoutExtras NONE = new CheckoutExtras(false, false, false, Map.of());
    private static final Set<String> UPDATABLE = Set.of("address", "name", "shipping");

    /** Refuses what Stripe refuses, before anything is created. */
    void check(String customerId, Customers customers) {
        for (Map.Entry<String, String> update : customerUpdate.entrySet()) {
            if (!UPDATABLE.contains(update.getKey())) {
                throw ApiError.invalidParam("customer_update[" + update.getKey() + "]",
                        "Received unknown parameter: customer_update[" + update.getKey() + "]");
            }
            if (!Set.of("auto", "never").contains(update.getValue())) {
                throw ApiError.invalidParam("customer_update[" + update.getKey() + "]",
                        "Invalid customer_update[" + update.getKey() + "]: must be one of auto or never");
            }
        }
        if (!customerUpdate.isEmpty() && customerId == null) {
            throw ApiError.invalidParam("customer_update", "`customer_update` can only be used with `customer`.");
        }
        if (customerId == null) {
            return;
        }
        boolean addressKnown = customers.require(customerId, "customer").get("address").isJsonObject();
        if (automaticTax && !addressKnown && !"auto".equals(customerUpdate.get("address"))
                && !"auto".equals(customerUpdate.get("shipping"))) {
            throw ApiError.invalidParam("automatic_tax[enabled]", "Automatic tax calculation in Checkout requires a "
                    + "valid address on the Customer. Add a valid address to the Customer or set either "
                    + "`customer_update[address]` to 'auto' or `customer_update[shipping]` to 'auto' to save the "
                    + "address entered in Checkout to the Customer.");
        }
        if (taxIdCollection && !"auto".equals(customerUpdate.get("name"))) {
            throw ApiError.invalidParam("tax_id_collection[enabled]", "tax_id_collection requires updating business "
                    + "name on the customer. To enable tax ID collection for an existing customer, please set "
                    + "`customer_update[name]` to `auto`.");
        }
    }

    /** Shows them on the session, in the fields of Stripe's object. */
    void showOn(JsonObject session) {
        session.addProperty("allow_promotion_codes", allowPromotionCodes);
        JsonObject tax = new JsonObject();
        tax.addProperty("enabled", automaticTax);
        tax.add("liability", JsonNull.INSTANCE);
        Json.put(tax, "status", automaticTax ? "requires_location_inputs" : null);
        session.add("automatic_tax", tax);
        if (taxIdCollection) {
            // Optional in Stripe's object: the example sessions Stripe publishes leave it out when it is off.
            JsonObject taxIds = new JsonObject();
            taxIds.addProperty("enabled", true);
            taxIds.addProperty("required", "never");
            session.add("tax_id_collection", taxIds);
        }
    }
}

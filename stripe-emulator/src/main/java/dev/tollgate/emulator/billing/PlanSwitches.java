package dev.tollgate.emulator.billing;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.state.Json;

/**
 * A one-line subscription moved to another price, from the portal or {@code POST /v1/subscriptions/{id}} with
 * {@code items}, billed per {@link ProrationBehavior}: at the same interval the period stays and the prorations wait
 * for the next invoice ({@code create_prorations}), are invoiced and charged now ({@code always_invoice}) or are not
 * made ({@code none}); at another interval the cycle restarts and is invoiced now in every case. Call under the
 * store's lock.
 */
public final class PlanSwitches {
    private final Subscriptions subscriptions;
    private final Renewals renewals;

    public PlanSwitches(Subscriptions subscriptions, Renewals renewals) {
        this.subscriptions = subscriptions;
        this.renewals = renewals;
    }

    public JsonObject switchTo(JsonObject subscription, JsonObject price, ProrationBehavior behavior) {
        String id = Json.string(subscription, "id");
        JsonObject current = Subscriptions.onlyItem(subscription).getAsJsonObject("price");
        if (!Subscriptions.sameInterval(current, price)) {
            return renewals.switchInterval(id, price, behavior);
        }
        JsonObject switched = subscriptions.switchPrice(id, price, behavior);
        if (behavior == ProrationBehavior.ALWAYS_INVOICE) {
            renewals.invoiceProrationsNow(switched);
        }
        return switched;
    }
}

package dev.tollgate.it.webhook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.stripe.model.entitlements.Feature;

/**
 * An {@code entitlements.active_entitlement_summary.updated} event that lies: a copy of a genuine one from the
 * emulator, under a new id, whose entitlement list also names a feature the customer does not have. Signed with
 * the endpoint's secret it is indistinguishable from Stripe's, so only re-listing can tell it is wrong.
 */
final class ForgedSummary {

    private ForgedSummary() {
    }

    static String claiming(JsonObject genuine, String eventId, long created, Feature claimed) {
        JsonObject event = genuine.deepCopy();
        event.addProperty("id", eventId);
        event.addProperty("created", created);
        JsonObject entitlements = event.getAsJsonObject("data").getAsJsonObject("object")
                .getAsJsonObject("entitlements");
        JsonArray newestFirst = new JsonArray();
        newestFirst.add(activeEntitlement(claimed));
        newestFirst.addAll(entitlements.getAsJsonArray("data"));
        entitlements.add("data", newestFirst);
        return event.toString();
    }

    /** An {@code entitlements.active_entitlement} as a summary embeds it: with its feature expanded. */
    private static JsonObject activeEntitlement(Feature claimed) {
        JsonObject feature = new JsonObject();
        feature.addProperty("id", claimed.getId());
        feature.addProperty("object", "entitlements.feature");
        feature.addProperty("active", true);
        feature.addProperty("livemode", false);
        feature.addProperty("lookup_key", claimed.getLookupKey());
        feature.add("metadata", new JsonObject());
        feature.addProperty("name", claimed.getName());
        JsonObject entitlement = new JsonObject();
        entitlement.addProperty("id", "ent_test_forged" + Long.toHexString(System.nanoTime()));
        entitlement.addProperty("object", "entitlements.active_entitlement");
        entitlement.add("feature", feature);
        entitlement.addProperty("livemode", false);
        entitlement.addProperty("lookup_key", claimed.getLookupKey());
        return entitlement;
    }
}

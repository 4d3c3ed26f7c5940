package dev.tollgate.emulator.state;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * What a stored object looks like to a client: without the emulator's own bookkeeping (fields starting with
 * {@code _}) and without the fields Stripe only includes on request ({@code expand[]=line_items}).
 */
public final class PublicView {
    private static final Map<String, Set<String>> INCLUDABLE = Map.of(
            "checkout.session", Set.of("line_items"),
            "invoice", Set.of("payments"));

    private PublicView() {
    }

    /** A copy fit to leave the emulator. */
    public static JsonObject of(JsonObject stored) {
        JsonObject copy = stored.deepCopy();
        copy.keySet().removeIf(key -> key.startsWith("_"));
        copy.keySet().removeAll(includable(Json.string(stored, "object")));
        return copy;
    }

    /** The fields of this object type that appear only when expanded. */
    public static Set<String> includable(String objectType) {
        return INCLUDABLE.getOrDefault(objectType, Set.of());
    }
}

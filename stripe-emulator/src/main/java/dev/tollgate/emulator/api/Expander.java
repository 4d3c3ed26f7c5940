package dev.tollgate.emulator.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.PublicView;
import dev.tollgate.emulator.state.Store;
import java.util.Arrays;
import java.util.List;

/**
 * Renders stored objects for a response and applies {@code expand[]}: each dotted path replaces an id with the
 * object it names (through lists, too: {@code data.customer}) or adds an includable field such as
 * {@code line_items}. Call under the store's lock.
 */
final class Expander {
    private static final int MAX_DEPTH = 4;

    private final Store store;

    Expander(Store store) {
        this.store = store;
    }

    /** The public view of one object with the request's expansions. */
    JsonObject render(JsonObject stored, Params params) {
        return expand(PublicView.of(stored), params.strings("expand"));
    }

    /** Applies expansions to an already rendered object or list envelope. */
    JsonObject expand(JsonObject view, List<String> paths) {
        for (String path : paths) {
            String[] parts = path.split("\\.");
            // Stripe counts expanded properties, not the "data" steps into lists.
            if (Arrays.stream(parts).filter(part -> !"data".equals(part)).count() > MAX_DEPTH) {
                throw ApiError.invalidParam("expand", "You cannot expand more than 4 levels of a property.");
            }
            expandPath(view, parts, 0);
        }
        return view;
    }

    private void expandPath(JsonObject view, String[] parts, int depth) {
        String field = parts[depth];
        JsonElement value = view.get(field);
        if (value == null && PublicView.includable(Json.string(view, "object")).contains(field)) {
            value = store.findById(Json.string(view, "id")).map(stored -> stored.get(field).deepCopy()).orElse(null);
        }
        if (value != null && value.isJsonPrimitive()) {
            String id = value.getAsString();
            value = store.findById(id).<JsonElement>map(PublicView::of).orElse(value);
        }
        if (value == null) {
            throw ApiError.invalidParam("expand", "This property cannot be expanded (" + String.join(".", parts)
                    + ").");
        }
        view.add(field, value);
        if (depth + 1 == parts.length) {
            return;
        }
        if (value.isJsonObject()) {
            expandPath(value.getAsJsonObject(), parts, depth + 1);
        } else if (value.isJsonArray()) {
            for (JsonElement element : value.getAsJsonArray()) {
                if (element.isJsonObject()) {
                    expandPath(element.getAsJsonObject(), parts, depth + 1);
                }
            }
        }
    }
}

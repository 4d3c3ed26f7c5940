package dev.tollgate.emulator.billing;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.Map;

/** Computes an event's {@code data.previous_attributes}: the old values of the top-level fields that changed. */
final class Changes {
    private Changes() {
    }

    /** The changed fields' previous values, or null when nothing changed. */
    static JsonObject previousAttributes(JsonObject before, JsonObject after) {
        JsonObject previous = new JsonObject();
        for (Map.Entry<String, JsonElement> field : after.entrySet()) {
            if (field.getKey().startsWith("_")) {
                continue; // the emulator's own bookkeeping, never shown
            }
            JsonElement old = before.has(field.getKey()) ? before.get(field.getKey()) : JsonNull.INSTANCE;
            if (!old.equals(field.getValue())) {
                previous.add(field.getKey(), old.deepCopy());
            }
        }
        return previous.size() == 0 ? null : previous;
    }
}

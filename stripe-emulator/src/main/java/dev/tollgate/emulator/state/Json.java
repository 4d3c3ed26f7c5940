package dev.tollgate.emulator.state;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Map;

/** Small readers and builders for the JSON objects the store holds; absent and JSON null read alike. */
public final class Json {
    private Json() {
    }

    public static String string(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    public static long integer(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? 0L : value.getAsLong();
    }

    public static boolean bool(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && !value.isJsonNull() && value.getAsBoolean();
    }

    public static JsonObject object(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || !value.isJsonObject() ? null : value.getAsJsonObject();
    }

    /** Sets a string field, writing JSON null for a null value. */
    public static void put(JsonObject object, String field, String value) {
        object.add(field, value == null ? JsonNull.INSTANCE : new JsonPrimitive(value));
    }

    public static void putNulls(JsonObject object, String... fields) {
        for (String field : fields) {
            object.add(field, JsonNull.INSTANCE);
        }
    }

    public static JsonObject stringMap(Map<String, String> values) {
        JsonObject map = new JsonObject();
        values.forEach(map::addProperty);
        return map;
    }

    public static JsonArray strings(String... values) {
        JsonArray array = new JsonArray();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    /** Stripe's list envelope: {@code {"object":"list","data":[...],"has_more":…,"url":…}}. */
    public static JsonObject list(List<JsonObject> data, boolean hasMore, String url) {
        JsonArray array = new JsonArray();
        data.forEach(array::add);
        JsonObject list = new JsonObject();
        list.addProperty("object", "list");
        list.add("data", array);
        list.addProperty("has_more", hasMore);
        list.addProperty("url", url);
        return list;
    }

    /** Applies Stripe metadata semantics: an empty value deletes the key. */
    public static void mergeMetadata(JsonObject target, Map<String, String> updates) {
        JsonObject metadata = object(target, "metadata");
        if (metadata == null) {
            metadata = new JsonObject();
            target.add("metadata", metadata);
        }
        for (Map.Entry<String, String> entry : updates.entrySet()) {
            if (entry.getValue().isEmpty()) {
                metadata.remove(entry.getKey());
            } else {
                metadata.addProperty(entry.getKey(), entry.getValue());
            }
        }
    }
}

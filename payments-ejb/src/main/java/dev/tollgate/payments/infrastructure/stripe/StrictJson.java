package dev.tollgate.payments.infrastructure.stripe;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;

/**
 * Stripe sends plain RFC 8259 JSON. A body that only a lenient parser reads — comments, single quotes, unquoted
 * names, two values — or that names a field twice (which parsers resolve differently: the signed bytes could mean
 * one thing to a log reader and another to us) did not come from Stripe as signed, so it is refused even when its
 * signature holds. One pass over the body with a strict streaming reader, names remembered per object.
 */
final class StrictJson {

    /** Far deeper than any Stripe object; a deeper body is refused before it can exhaust the stack. */
    static final int MAX_DEPTH = 64;

    private StrictJson() {
    }

    /** The reason {@code payload} is not one strict JSON object, or null when it is one. */
    static String problemWith(String payload) {
        try (JsonReader json = new JsonReader(new StringReader(payload))) {
            json.setLenient(false);
            if (json.peek() != JsonToken.BEGIN_OBJECT) {
                return "malformed webhook body (not a JSON object)";
            }
            String problem = value(json, 0);
            if (problem == null && json.peek() != JsonToken.END_DOCUMENT) {
                return "malformed webhook body (not strict JSON)";
            }
            return problem;
        } catch (IOException | IllegalStateException | NumberFormatException notStrict) {
            return "malformed webhook body (not strict JSON)";
        }
    }

    private static String value(JsonReader json, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            return "malformed webhook body (nested deeper than " + MAX_DEPTH + " levels)";
        }
        switch (json.peek()) {
            case BEGIN_OBJECT -> {
                json.beginObject();
                Set<String> names = new HashSet<>();
                while (json.hasNext()) {
                    String name = json.nextName();
                    if (!names.add(name)) {
                        return "malformed webhook body (the field '" + shortened(name) + "' twice in one object)";
                    }
                    String problem = value(json, depth + 1);
                    if (problem != null) {
                        return problem;
                    }
                }
                json.endObject();
            }
            case BEGIN_ARRAY -> {
                json.beginArray();
                while (json.hasNext()) {
                    String problem = value(json, depth + 1);
                    if (problem != null) {
                        return problem;
                    }
                }
                json.endArray();
            }
            default -> json.skipValue();
        }
        return null;
    }

    private static String shortened(String name) {
        String printable = name.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}

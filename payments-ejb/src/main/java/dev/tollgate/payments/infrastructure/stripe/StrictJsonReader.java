package dev.tollgate.payments.infrastructure.stripe;

import com.google.gson.stream.JsonReader;
import dev.tollgate.payments.domain.service.RejectedWebhookException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gson's strict streaming reader, which also refuses a name twice in one object and nesting deeper than
 * {@value #MAX_DEPTH} levels, in the values it skips as much as in those it reads. Stripe sends plain RFC 8259
 * JSON; a body that only a lenient parser reads (comments, single quotes, unquoted names, two values), or that names
 * a field twice (which parsers resolve differently: the signed bytes could mean one thing to a log reader and
 * another to us), did not come from Stripe as signed. Checking while reading keeps the webhook to one pass over the
 * body.
 */
final class StrictJsonReader extends JsonReader {

    /** Far deeper than any Stripe object; a deeper body is refused before it can exhaust the stack. */
    static final int MAX_DEPTH = 64;

    /**
     * The names met in each open object, by its depth among the open objects. A set is cleared and used again by the
     * next object at its depth, rather than made anew: a Stripe event holds hundreds of small objects, and making a
     * set for each (and growing it) was a large part of reading one.
     */
    private final List<Set<String>> namesByObjectDepth = new ArrayList<>();
    private int openObjects;
    private int depth;

    StrictJsonReader(String payload) {
        super(new StringReader(payload));
        setLenient(false);
    }

    @Override
    public void beginObject() throws IOException {
        enter();
        super.beginObject();
        if (openObjects == namesByObjectDepth.size()) {
            namesByObjectDepth.add(new HashSet<>());
        } else {
            namesByObjectDepth.get(openObjects).clear();
        }
        openObjects++;
    }

    @Override
    public void endObject() throws IOException {
        super.endObject();
        openObjects--;
        depth--;
    }

    @Override
    public void beginArray() throws IOException {
        enter();
        super.beginArray();
    }

    @Override
    public void endArray() throws IOException {
        super.endArray();
        depth--;
    }

    @Override
    public String nextName() throws IOException {
        String name = super.nextName();
        if (!namesByObjectDepth.get(openObjects - 1).add(name)) {
            throw new RejectedWebhookException("malformed webhook body (the field '" + shortened(name)
                    + "' twice in one object)");
        }
        return name;
    }

    /** Walks what it skips through the checks above, instead of Gson's unchecked skip. */
    @Override
    public void skipValue() throws IOException {
        switch (peek()) {
            case BEGIN_OBJECT -> {
                beginObject();
                while (hasNext()) {
                    nextName();
                    skipValue();
                }
                endObject();
            }
            case BEGIN_ARRAY -> {
                beginArray();
                while (hasNext()) {
                    skipValue();
                }
                endArray();
            }
            case NAME -> nextName();
            default -> super.skipValue();
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new RejectedWebhookException("malformed webhook body (nested deeper than " + MAX_DEPTH + " levels)");
        }
    }

    private static String shortened(String name) {
        String printable = name.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}

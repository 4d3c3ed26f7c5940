package dev.tollgate.emulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Request parameters in Stripe's bracket notation ({@code line_items[0][price]}, {@code metadata[plan]},
 * {@code expand[]}), decoded into a tree. Lists are kept as maps keyed by index and read back in index order.
 *
 * <p>An empty value is how stripe-java sends "unset" (a null field or an empty list), so the getters treat it
 * as absent while {@link #isBlanked} can tell it apart from a missing key. Every key read is remembered, so the
 * strict API can refuse the keys nobody read ({@link #unknownKeys}).
 */
public final class Params {
    private final String prefix;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();
    /** Read as a whole (a metadata map): its keys are the caller's, never unknown. */
    private boolean readWhole;

    private Params(String prefix) {
        this.prefix = prefix;
    }

    /** An empty parameter set. */
    public static Params empty() {
        return new Params("");
    }

    /** Decodes an {@code application/x-www-form-urlencoded} string (a body or a query string). */
    public static Params parse(String encoded) {
        Params root = empty();
        if (encoded == null || encoded.isEmpty()) {
            return root;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            root.put(splitKey(key), value);
        }
        return root;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** {@code a[b][0]} → [a, b, 0]; an empty bracket pair means "append". */
    private static List<String> splitKey(String key) {
        List<String> parts = new ArrayList<>();
        int open = key.indexOf('[');
        parts.add(open < 0 ? key : key.substring(0, open));
        while (open >= 0) {
            int close = key.indexOf(']', open);
            if (close < 0) {
                break;
            }
            parts.add(key.substring(open + 1, close));
            open = key.indexOf('[', close);
        }
        return parts;
    }

    private void put(List<String> path, String value) {
        Params node = this;
        for (int i = 0; i < path.size() - 1; i++) {
            node = node.childForWrite(path.get(i));
        }
        String last = path.get(path.size() - 1);
        node.values.put(last.isEmpty() ? String.valueOf(node.values.size()) : last, value);
    }

    private Params childForWrite(String segment) {
        String name = segment.isEmpty() ? String.valueOf(values.size()) : segment;
        Object existing = values.get(name);
        if (existing instanceof Params) {
            return (Params) existing;
        }
        Params child = new Params(qualified(name));
        values.put(name, child);
        return child;
    }

    /** The parameter's full name as Stripe reports it in errors, e.g. {@code line_items[0][price]}. */
    public String qualified(String name) {
        return prefix.isEmpty() ? name : prefix + "[" + name + "]";
    }

    public boolean has(String name) {
        Object value = values.get(name);
        return value != null && !"".equals(value);
    }

    /** True when the key holds nested values ({@code created[gte]=…}) rather than a plain value. */
    public boolean isHash(String name) {
        return values.get(name) instanceof Params;
    }

    /** True when the key was sent with an empty value, stripe-java's way of clearing a field. */
    public boolean isBlanked(String name) {
        return "".equals(values.get(name));
    }

    public Optional<String> string(String name) {
        read.add(name);
        Object value = values.get(name);
        if (value instanceof Params) {
            throw ApiError.invalidParam(qualified(name), "Invalid string: " + qualified(name) + " is a hash.");
        }
        return value == null || "".equals(value) ? Optional.empty() : Optional.of((String) value);
    }

    public String requiredString(String name) {
        return string(name).orElseThrow(() -> ApiError.missingParam(qualified(name)));
    }

    public Optional<Long> integer(String name) {
        Optional<String> text = string(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text.get()));
        } catch (NumberFormatException e) {
            throw ApiError.invalidParam(qualified(name), "Invalid integer: " + text.get());
        }
    }

    public Optional<Boolean> bool(String name) {
        Optional<String> text = string(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        switch (text.get()) {
            case "true":
                return Optional.of(true);
            case "false":
                return Optional.of(false);
            default:
                throw ApiError.invalidParam(qualified(name), "Invalid boolean: " + text.get());
        }
    }

    /** A nested hash ({@code metadata[...]}, {@code created[gte]}); empty when absent. */
    public Params hash(String name) {
        read.add(name);
        Object value = values.get(name);
        if (value instanceof Params) {
            return (Params) value;
        }
        if (value != null && !"".equals(value)) {
            throw ApiError.invalidParam(qualified(name), "Invalid hash: " + qualified(name));
        }
        return new Params(qualified(name));
    }

    /** A list of hashes ({@code line_items[0][price]}), in index order. */
    public List<Params> hashes(String name) {
        List<Params> list = new ArrayList<>();
        for (Object element : listElements(name)) {
            if (!(element instanceof Params)) {
                throw ApiError.invalidParam(qualified(name), "Invalid array of hashes: " + qualified(name));
            }
            list.add((Params) element);
        }
        return list;
    }

    /** A list of strings ({@code expand[0]}, {@code expand[]}, or a single plain value), in index order. */
    public List<String> strings(String name) {
        List<String> list = new ArrayList<>();
        for (Object element : listElements(name)) {
            if (element instanceof String && !((String) element).isEmpty()) {
                list.add((String) element);
            }
        }
        return list;
    }

    private List<Object> listElements(String name) {
        read.add(name);
        Object value = values.get(name);
        if (value == null || "".equals(value)) {
            return List.of();
        }
        if (value instanceof String) {
            return List.of(value);
        }
        Params list = (Params) value;
        list.read.addAll(list.values.keySet());
        List<Map.Entry<String, Object>> entries = new ArrayList<>(list.values.entrySet());
        entries.sort((a, b) -> Long.compare(index(a.getKey()), index(b.getKey())));
        List<Object> elements = new ArrayList<>();
        for (Map.Entry<String, Object> entry : entries) {
            elements.add(entry.getValue());
        }
        return elements;
    }

    private static long index(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Flat string pairs, as for {@code metadata}; an empty value is kept so callers can delete that key. */
    public Map<String, String> stringPairs() {
        readWhole = true;
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (entry.getValue() instanceof String) {
                pairs.put(entry.getKey(), (String) entry.getValue());
            }
        }
        return Collections.unmodifiableMap(pairs);
    }

    /** Top-level keys sent but never read by the handler (see {@link #unknownKeys} for every depth). */
    public Set<String> unreadKeys() {
        Set<String> unread = new LinkedHashSet<>(values.keySet());
        unread.removeAll(read);
        return unread;
    }

    /**
     * Every key sent but never read, at any depth, by its full name ({@code subscription_data[foo]}); a hash that
     * was read as a whole (metadata) has no unknown keys.
     */
    public List<String> unknownKeys() {
        List<String> unknown = new ArrayList<>();
        if (readWhole) {
            return unknown;
        }
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (!read.contains(entry.getKey())) {
                unknown.add(qualified(entry.getKey()));
            } else if (entry.getValue() instanceof Params) {
                unknown.addAll(((Params) entry.getValue()).unknownKeys());
            }
        }
        return unknown;
    }

    /** Marks a key as known without reading it (e.g. {@code expand}, which every endpoint takes). */
    public void accept(String name) {
        read.add(name);
        if (values.get(name) instanceof Params) {
            Params child = (Params) values.get(name);
            child.read.addAll(child.values.keySet());
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

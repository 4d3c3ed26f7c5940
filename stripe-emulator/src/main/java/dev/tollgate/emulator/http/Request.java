package dev.tollgate.emulator.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One decoded HTTP request: method, path, the values bound by the route's {@code {name}} segments, and the
 * parameters (query string for GET/DELETE, form body for POST).
 */
public final class Request {
    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final Params params;
    private final String rawBody;
    private Map<String, String> pathValues = Map.of();

    public Request(String method, String path, Map<String, List<String>> headers, Params params, String rawBody) {
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.params = params;
        this.rawBody = rawBody;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Params params() {
        return params;
    }

    public String rawBody() {
        return rawBody;
    }

    /** A header value, case-insensitively (the JDK server normalises names, clients do not). */
    public Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return Optional.of(entry.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** The value of a {@code {name}} segment of the matched route. */
    public String pathValue(String name) {
        String value = pathValues.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no segment {" + name + "}");
        }
        return value;
    }

    void bindPathValues(Map<String, String> values) {
        this.pathValues = Map.copyOf(values);
    }
}

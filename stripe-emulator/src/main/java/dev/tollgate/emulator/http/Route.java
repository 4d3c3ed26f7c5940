package dev.tollgate.emulator.http;

import java.util.HashMap;
import java.util.Map;

/** A method plus a path template such as {@code /v1/customers/{id}}, bound to the code that answers it. */
final class Route {
    private final String method;
    private final String[] segments;
    private final Handler handler;

    Route(String method, String template, Handler handler) {
        this.method = method;
        this.segments = split(template);
        this.handler = handler;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.split("/", -1);
    }

    String method() {
        return method;
    }

    Handler handler() {
        return handler;
    }

    /** The bound {@code {name}} values when the path matches, else null. */
    Map<String, String> match(String path) {
        String[] actual = split(path);
        if (actual.length != segments.length) {
            return null;
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String expected = segments[i];
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                values.put(expected.substring(1, expected.length() - 1), actual[i]);
            } else if (!expected.equals(actual[i])) {
                return null;
            }
        }
        return values;
    }
}

package dev.tollgate.emulator.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer held in memory, so that it can be replayed for a repeated idempotency key. */
public final class Response {
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting()
            .create();

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;

    private Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = Map.copyOf(headers);
    }

    /** A JSON body; nulls are written, as Stripe does, so absent fields read as null in stripe-java. */
    public static Response json(int status, JsonElement body) {
        return new Response(status, "application/json", GSON.toJson(body).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Response ok(JsonElement body) {
        return json(200, body);
    }

    public static Response error(ApiError error) {
        return json(error.status(), error.toJson());
    }

    public static Response html(int status, String page) {
        return new Response(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** 303 See Other: after a form POST the browser follows with a GET. */
    public static Response seeOther(String location) {
        return new Response(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
    }

    public Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more);
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body.clone();
    }

    public Map<String, String> headers() {
        return headers;
    }
}

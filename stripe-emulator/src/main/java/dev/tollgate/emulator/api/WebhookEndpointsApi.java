package dev.tollgate.emulator.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.delivery.WebhookDeliverer;
import dev.tollgate.emulator.delivery.WebhookEndpoint;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /v1/webhook_endpoints}: create, retrieve, list, update, delete. Each endpoint's {@code enabled_events}
 * decide which events it receives and its {@code api_version} labels them (the payload keeps the emulator's
 * one shape, so a client pinned to another version sees what stripe-java does with a mismatch). The secret is
 * shown on create only, as on Stripe.
 */
public final class WebhookEndpointsApi {
    private static final Pattern EVENT_TYPE = Pattern.compile("\\*|[a-z_]+(\\.[a-z_*]+)+");
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(\\.[a-z]+)?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final WebhookDeliverer deliverer;
    private final Expander expander;

    public WebhookEndpointsApi(Store store, WebhookDeliverer deliverer) {
        this.store = store;
        this.deliverer = deliverer;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        router.post("/v1/webhook_endpoints", this::create)
                .get("/v1/webhook_endpoints", request -> Response.ok(store.atomically(() ->
                        Listing.page(store.all("webhook_endpoint"), endpoint -> !Json.bool(endpoint, "deleted"),
                                request.params(), "/v1/webhook_endpoints", "webhook_endpoint", expander))))
                .get("/v1/webhook_endpoints/{id}", request -> Response.ok(store.atomically(() ->
                        withoutSecret(require(request.pathValue("id"))))))
                .post("/v1/webhook_endpoints/{id}", this::update)
                .delete("/v1/webhook_endpoints/{id}", this::delete);
    }

    /**
     * Registers an endpoint made outside the API (the builder's or the command line's) as a
     * {@code webhook_endpoint} with the given secret.
     */
    public JsonObject registerConfigured(String url, String secret) {
        return store.atomically(() -> add(url, secret, List.of("*"), null, null, Map.of()));
    }

    private Response create(Request request) {
        Params params = request.params();
        String url = validUrl(params.requiredString("url"));
        List<String> events = enabledEvents(params, true);
        String apiVersion = apiVersion(params);
        String description = params.string("description").orElse(null);
        Map<String, String> metadata = params.hash("metadata").stringPairs();
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = "whsec_" + HexFormat.of().formatHex(bytes);
        return Response.ok(store.atomically(() -> {
            JsonObject endpoint = add(url, secret, events, apiVersion, description, metadata);
            JsonObject shown = withoutSecret(endpoint);
            shown.addProperty("secret", secret);
            return shown;
        }));
    }

    private JsonObject add(String url, String secret, List<String> events, String apiVersion, String description,
            Map<String, String> metadata) {
        JsonObject endpoint = new JsonObject();
        endpoint.addProperty("id", store.newId("we"));
        endpoint.addProperty("object", "webhook_endpoint");
        Json.put(endpoint, "api_version", apiVersion);
        endpoint.add("application", JsonNull.INSTANCE);
        endpoint.addProperty("created", store.now());
        Json.put(endpoint, "description", description);
        endpoint.add("enabled_events", Json.strings(events.toArray(String[]::new)));
        endpoint.addProperty("livemode", false);
        endpoint.add("metadata", Json.stringMap(metadata));
        endpoint.addProperty("status", "enabled");
        endpoint.addProperty("url", url);
        endpoint.addProperty("_secret", secret);
        store.insert(endpoint);
        deliverer.addEndpoint(toDelivery(endpoint));
        return endpoint;
    }

    private Response update(Request request) {
        Params params = request.params();
        String url = params.string("url").map(WebhookEndpointsApi::validUrl).orElse(null);
        List<String> events = enabledEvents(params, false);
        Optional<Boolean> disabled = params.bool("disabled");
        String description = params.string("description").orElse(null);
        Map<String, String> metadata = params.hash("metadata").stringPairs();
        return Response.ok(store.atomically(() -> {
            JsonObject endpoint = require(request.pathValue("id"));
            if (url != null) {
                endpoint.addProperty("url", url);
            }
            if (!events.isEmpty()) {
                endpoint.add("enabled_events", Json.strings(events.toArray(String[]::new)));
            }
            disabled.ifPresent(off -> endpoint.addProperty("status", off ? "disabled" : "enabled"));
            if (description != null) {
                endpoint.addProperty("description", description);
            }
            Json.mergeMetadata(endpoint, metadata);
            deliverer.replaceEndpoint(toDelivery(endpoint));
            return withoutSecret(endpoint);
        }));
    }

    private Response delete(Request request) {
        return Response.ok(store.atomically(() -> {
            JsonObject endpoint = require(request.pathValue("id"));
            endpoint.addProperty("deleted", true);
            deliverer.removeEndpoint(Json.string(endpoint, "id"));
            JsonObject stub = new JsonObject();
            stub.addProperty("id", Json.string(endpoint, "id"));
            stub.addProperty("object", "webhook_endpoint");
            stub.addProperty("deleted", true);
            return stub;
        }));
    }

    private JsonObject require(String id) {
        JsonObject endpoint = store.find("webhook_endpoint", id)
                .orElseThrow(() -> ApiError.noSuch("webhook_endpoint", id, null));
        if (Json.bool(endpoint, "deleted")) {
            throw ApiError.noSuch("webhook_endpoint", id, null);
        }
        return endpoint;
    }

    private static JsonObject withoutSecret(JsonObject endpoint) {
        JsonObject copy = endpoint.deepCopy();
        copy.remove("_secret");
        return copy;
    }

    private static WebhookEndpoint toDelivery(JsonObject endpoint) {
        List<String> events = new ArrayList<>();
        for (JsonElement type : endpoint.getAsJsonArray("enabled_events")) {
            events.add(type.getAsString());
        }
        return new WebhookEndpoint(Json.string(endpoint, "id"), Json.string(endpoint, "url"),
                Json.string(endpoint, "_secret"), events, Json.string(endpoint, "api_version"),
                "enabled".equals(Json.string(endpoint, "status")));
    }

    private static List<String> enabledEvents(Params params, boolean required) {
        List<String> events = params.strings("enabled_events");
        if (events.isEmpty() && required) {
            throw ApiError.missingParam("enabled_events");
        }
        for (int i = 0; i < events.size(); i++) {
            if (!EVENT_TYPE.matcher(events.get(i)).matches()) {
                throw ApiError.invalidParam("enabled_events[" + i + "]", "Invalid enabled_events[" + i + "]: "
                        + "must be an event type such as invoice.paid, or *");
            }
        }
        return events;
    }

    private static String apiVersion(Params params) {
        String version = params.string("api_version").orElse(null);
        if (version != null && !API_VERSION.matcher(version).matches()) {
            throw ApiError.invalidParam("api_version", "Invalid API version: " + version);
        }
        return version;
    }

    private static String validUrl(String url) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw ApiError.invalidParam("url", "Invalid URL: " + url + ". URLs must begin with http or https.");
        }
        return url;
    }
}

package dev.tollgate.emulator.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.stripe.Stripe;
import dev.tollgate.emulator.delivery.DeliveryStatus;
import dev.tollgate.emulator.delivery.WebhookDeliverer;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;

/**
 * The emulator's own surface for tests, outside Stripe's API and without an API key:
 * {@code GET /_emulator/info} and {@code GET /_emulator/deliveries} (every webhook delivery and its outcome).
 * Later controls (test clocks, faults) belong here too.
 */
public final class ControlApi {
    private final WebhookDeliverer deliverer;

    public ControlApi(WebhookDeliverer deliverer) {
        this.deliverer = deliverer;
    }

    public void register(Router router) {
        router.get("/_emulator/info", request -> {
            JsonObject info = new JsonObject();
            info.addProperty("api_version", Stripe.API_VERSION);
            info.addProperty("livemode", false);
            return Response.ok(info);
        });
        router.get("/_emulator/deliveries", request -> {
            JsonArray data = new JsonArray();
            for (DeliveryStatus status : deliverer.deliveries()) {
                data.add(toJson(status));
            }
            JsonObject body = new JsonObject();
            body.add("data", data);
            return Response.ok(body);
        });
    }

    private static JsonObject toJson(DeliveryStatus status) {
        JsonObject json = new JsonObject();
        json.addProperty("event", status.eventId());
        json.addProperty("type", status.eventType());
        json.addProperty("endpoint", status.endpointUrl());
        json.addProperty("state", status.state().name().toLowerCase());
        json.addProperty("attempts", status.attempts());
        json.addProperty("last_status", status.lastStatusCode());
        Json.put(json, "last_error", status.lastError());
        Json.put(json, "last_attempt_at", status.lastAttemptAt() == null ? null : status.lastAttemptAt().toString());
        return json;
    }
}

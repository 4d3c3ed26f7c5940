package dev.tollgate.emulator.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.stripe.Stripe;
import dev.tollgate.emulator.delivery.DeliveryStatus;
import dev.tollgate.emulator.delivery.WebhookDeliverer;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import java.time.Duration;

/**
 * The emulator's own surface for tests, outside Stripe's API and without an API key:
 * {@code GET /_emulator/info}, {@code GET /_emulator/deliveries} (every webhook delivery and its outcome),
 * {@code POST /_emulator/advance} (the emulator's own time), {@code GET|POST /_emulator/faults} (hostile
 * delivery and API) and {@code POST /_emulator/disputes/{id}/resolve} ({@code status=won|lost}).
 */
public final class ControlApi {
    private final WebhookDeliverer deliverer;
    private final Controls controls;

    public ControlApi(WebhookDeliverer deliverer, Controls controls) {
        this.deliverer = deliverer;
        this.controls = controls;
    }

    public void register(Router router) {
        router.get("/_emulator/info", request -> {
            JsonObject info = new JsonObject();
            info.addProperty("api_version", Stripe.API_VERSION);
            info.addProperty("livemode", false);
            info.addProperty("now", controls.now());
            info.addProperty("faults", controls.faults());
            return Response.ok(info);
        });
        router.post("/_emulator/advance", this::advance);
        router.get("/_emulator/faults", request -> Response.ok(faultsJson()));
        router.post("/_emulator/faults", this::setFaults);
        router.post("/_emulator/disputes/{id}/resolve", request -> {
            String outcome = request.params().string("status").orElseThrow(() -> ApiError.missingParam("status"));
            controls.resolveDispute(request.pathValue("id"), outcome);
            JsonObject body = new JsonObject();
            body.addProperty("id", request.pathValue("id"));
            body.addProperty("status", outcome);
            return Response.ok(body);
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

    /** {@code seconds=N} (or {@code days=N}): the emulator's own time moves forward. */
    private Response advance(Request request) {
        Params params = request.params();
        long seconds = params.integer("seconds").orElse(0L) + params.integer("days").orElse(0L) * 86_400;
        if (seconds <= 0) {
            throw ApiError.invalidParam("seconds", "Give seconds=N or days=N, more than zero.");
        }
        controls.advance(Duration.ofSeconds(seconds));
        JsonObject body = new JsonObject();
        body.addProperty("now", controls.now());
        return Response.ok(body);
    }

    /** The body is the fault spec's pairs as form fields ({@code seed=7&drop=0.2&rate_limit=25}); none = off. */
    private Response setFaults(Request request) {
        StringBuilder spec = new StringBuilder();
        request.params().stringPairs().forEach((key, value) -> spec.append(key).append('=').append(value).append(','));
        try {
            controls.faults(spec.toString());
        } catch (IllegalArgumentException bad) {
            throw ApiError.invalidParam("faults", bad.getMessage());
        }
        return Response.ok(faultsJson());
    }

    private JsonObject faultsJson() {
        JsonObject body = new JsonObject();
        body.addProperty("faults", controls.faults());
        return body;
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
        Json.put(json, "answered_at", status.answeredAt() == null ? null : status.answeredAt().toString());
        return json;
    }
}

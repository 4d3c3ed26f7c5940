package dev.tollgate.emulator.api;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.delivery.WebhookDeliverer;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.PublicView;
import dev.tollgate.emulator.state.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code /v1/events}: retrieve, and list newest first with {@code type} (wildcard {@code *}), {@code types[]},
 * {@code created}, {@code delivery_success} and cursors — over the last 30 days only, as on Stripe; and resend one
 * to a webhook endpoint ({@code POST /v1/events/{id}/retry}, what {@code stripe events resend} calls).
 */
public final class EventsApi {
    private static final long RETENTION_SECONDS = 30L * 24 * 60 * 60;

    private final Store store;
    private final WebhookDeliverer deliveries;
    private final Expander expander;

    public EventsApi(Store store, WebhookDeliverer deliveries) {
        this.store = store;
        this.deliveries = deliveries;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        router.get("/v1/events", this::list)
                .get("/v1/events/{id}", request -> Response.ok(store.atomically(() -> {
                    String id = request.pathValue("id");
                    JsonObject event = store.find("event", id).orElseThrow(() -> ApiError.noSuch("event", id, null));
                    return PublicView.of(event);
                })))
                .post("/v1/events/{id}/retry", this::resend);
    }

    /**
     * The event once more to the endpoint {@code webhook_endpoint} names: the same id, signed afresh, whatever its
     * earlier deliveries did — as the Dashboard's "Resend" and the CLI do. Answers with the event.
     */
    private Response resend(Request request) {
        String endpointId = request.params().string("webhook_endpoint")
                .orElseThrow(() -> ApiError.missingParam("webhook_endpoint"));
        return Response.ok(store.atomically(() -> {
            String id = request.pathValue("id");
            JsonObject event = store.find("event", id).orElseThrow(() -> ApiError.noSuch("event", id, null));
            if (!deliveries.resend(event, endpointId)) {
                throw ApiError.noSuch("webhook_endpoint", endpointId, "webhook_endpoint");
            }
            return PublicView.of(event);
        }));
    }

    private Response list(Request request) {
        Params params = request.params();
        Optional<String> type = params.string("type");
        List<String> types = params.strings("types");
        if (type.isPresent() && !types.isEmpty()) {
            throw ApiError.invalidParam("types", "You may only specify one of these parameters: type, types.");
        }
        List<Pattern> wanted = new ArrayList<>();
        type.ifPresent(t -> wanted.add(wildcard(t)));
        types.forEach(t -> wanted.add(wildcard(t)));
        Optional<Boolean> deliverySuccess = params.bool("delivery_success");
        return Response.ok(store.atomically(() -> {
            long oldest = store.now() - RETENTION_SECONDS;
            Predicate<JsonObject> filter = event -> Json.integer(event, "created") >= oldest
                    && (wanted.isEmpty()
                            || wanted.stream().anyMatch(p -> p.matcher(Json.string(event, "type")).matches()))
                    && deliverySuccess.map(s -> s == deliveries.allDelivered(Json.string(event, "id"))).orElse(true);
            return Listing.page(store.all("event"), filter, params, "/v1/events", "event", expander);
        }));
    }

    private static Pattern wildcard(String type) {
        return Pattern.compile(Pattern.quote(type).replace("*", "\\E.*\\Q"));
    }
}

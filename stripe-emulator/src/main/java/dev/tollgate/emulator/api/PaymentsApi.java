package dev.tollgate.emulator.api;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.billing.Payments;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** {@code /v1/payment_intents}, {@code /v1/charges} (read) and {@code /v1/refunds} (create, read). */
public final class PaymentsApi {
    /** The reasons Stripe accepts on a refund. */
    private static final java.util.Set<String> REFUND_REASONS = java.util.Set.of("duplicate", "fraudulent",
            "requested_by_customer");
    private final Store store;
    private final Payments payments;
    private final Expander expander;

    public PaymentsApi(Store store, Payments payments) {
        this.store = store;
        this.payments = payments;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        readable(router, "payment_intents", "payment_intent", "customer", "customer");
        readable(router, "charges", "charge", "customer", "payment_intent");
        readable(router, "refunds", "refund", "charge", "payment_intent");
        router.post("/v1/refunds", this::refund);
    }

    /** Retrieve and list for one object type, listable by up to two id fields. */
    private void readable(Router router, String path, String type, String field1, String field2) {
        router.get("/v1/" + path + "/{id}", request -> Response.ok(store.atomically(() -> {
            String id = request.pathValue("id");
            JsonObject object = store.find(type, id).orElseThrow(() -> ApiError.noSuch(type, id, null));
            return expander.render(object, request.params());
        })));
        router.get("/v1/" + path, request -> {
            Params params = request.params();
            Optional<String> first = params.string(field1);
            Optional<String> second = params.string(field2);
            Predicate<JsonObject> filter = object ->
                    first.map(v -> v.equals(Json.string(object, field1))).orElse(true)
                    && second.map(v -> v.equals(Json.string(object, field2))).orElse(true);
            return Response.ok(store.atomically(() ->
                    Listing.page(store.all(type), filter, params, "/v1/" + path, type, expander)));
        });
    }

    private Response refund(Request request) {
        Params params = request.params();
        String charge = params.string("charge").orElse(null);
        String paymentIntent = params.string("payment_intent").orElse(null);
        if (charge != null && paymentIntent != null) {
            throw ApiError.invalidParam("payment_intent",
                    "You may only specify one of these parameters: charge, payment_intent.");
        }
        Long amount = params.integer("amount").orElse(null);
        String reason = params.string("reason").orElse(null);
        if (reason != null && !REFUND_REASONS.contains(reason)) {
            throw ApiError.invalidParam("reason", "Invalid reason: must be one of duplicate, fraudulent, or"
                    + " requested_by_customer");
        }
        Map<String, String> metadata = params.hash("metadata").stringPairs();
        return Response.ok(store.atomically(() -> expander.render(payments.refund(charge, paymentIntent, amount,
                reason, metadata), params)));
    }
}

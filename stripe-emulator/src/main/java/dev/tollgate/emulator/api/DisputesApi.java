package dev.tollgate.emulator.api;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.billing.Disputes;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code /v1/disputes}: retrieve, list ({@code charge}, {@code payment_intent}), update (metadata) and close
 * (the merchant accepts: the dispute is lost). A test decides other outcomes on the control surface.
 */
public final class DisputesApi {
    private final Store store;
    private final Disputes disputes;
    private final Expander expander;

    public DisputesApi(Store store, Disputes disputes) {
        this.store = store;
        this.disputes = disputes;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        router.get("/v1/disputes", this::list)
                .get("/v1/disputes/{id}", request -> Response.ok(store.atomically(() ->
                        expander.render(disputes.require(request.pathValue("id")), request.params()))))
                .post("/v1/disputes/{id}", this::update)
                .post("/v1/disputes/{id}/close", request -> Response.ok(store.atomically(() ->
                        expander.render(disputes.close(request.pathValue("id"), "lost"), request.params()))));
    }

    private Response update(Request request) {
        Params params = request.params();
        Map<String, String> metadata = params.hash("metadata").stringPairs();
        return Response.ok(store.atomically(() ->
                expander.render(disputes.update(request.pathValue("id"), metadata), params)));
    }

    private Response list(Request request) {
        Params params = request.params();
        Optional<String> charge = params.string("charge");
        Optional<String> paymentIntent = params.string("payment_intent");
        Predicate<JsonObject> filter = dispute -> charge.map(c -> c.equals(Json.string(dispute, "charge")))
                .orElse(true)
                && paymentIntent.map(p -> p.equals(Json.string(dispute, "payment_intent"))).orElse(true);
        return Response.ok(store.atomically(() ->
                Listing.page(store.all("dispute"), filter, params, "/v1/disputes", "dispute", expander)));
    }
}

package dev.tollgate.emulator.api;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.billing.Catalog;
import dev.tollgate.emulator.billing.Customers;
import dev.tollgate.emulator.billing.Entitlements;
import dev.tollgate.emulator.billing.Features;
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

/**
 * Stripe Entitlements as stripe-java calls them: {@code /v1/entitlements/features} (create, retrieve, update,
 * list),
 * {@code /v1/products/{id}/features} (attach, retrieve, list, remove) and
 * {@code /v1/entitlements/active_entitlements} (list by {@code customer}, retrieve).
 */
public final class EntitlementsApi {
    private static final String FEATURES = "/v1/entitlements/features";

    private final Store store;
    private final Catalog catalog;
    private final Features features;
    private final Entitlements entitlements;
    private final Expander expander;

    public EntitlementsApi(Store store, Catalog catalog, Features features, Entitlements entitlements) {
        this.store = store;
        this.catalog = catalog;
        this.features = features;
        this.entitlements = entitlements;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        router.post(FEATURES, this::createFeature)
                .get(FEATURES, this::listFeatures)
                .get(FEATURES + "/{id}", request -> Response.ok(store.atomically(() ->
                        expander.render(features.require(request.pathValue("id"), null), request.params()))))
                .post(FEATURES + "/{id}", this::updateFeature)
                .post("/v1/products/{product}/features", this::attach)
                .get("/v1/products/{product}/features", this::listProductFeatures)
                .get("/v1/products/{product}/features/{id}", request -> Response.ok(store.atomically(() ->
                        expander.render(features.ofProduct(request.pathValue("product"), request.pathValue("id")),
                                request.params()))))
                .delete("/v1/products/{product}/features/{id}", this::detach)
                .get(Entitlements.LIST_URL, this::listActive)
                .get(Entitlements.LIST_URL + "/{id}", request -> Response.ok(store.atomically(() ->
                        expander.render(store.find(Entitlements.ACTIVE_ENTITLEMENT, request.pathValue("id"))
                                .orElseThrow(() -> ApiError.noSuch("active entitlement", request.pathValue("id"),
                                        null)), request.params()))));
    }

    private Response createFeature(Request request) {
        Params params = request.params();
        String name = params.requiredString("name");
        String lookupKey = params.requiredString("lookup_key");
        Map<String, String> metadata = params.hash("metadata").stringPairs();
        return Response.ok(store.atomically(() ->
                expander.render(features.create(name, lookupKey, metadata), params)));
    }

    private Response updateFeature(Request request) {
        Params params = request.params();
        String name = params.string("name").orElse(null);
        Boolean active = params.bool("active").orElse(null);
        Map<String, String> metadata = params.hash("metadata").stringPairs();
        return Response.ok(store.atomically(() ->
                expander.render(features.update(request.pathValue("id"), name, active, metadata), params)));
    }

    private Response listFeatures(Request request) {
        Params params = request.params();
        // Stripe lists active features unless asked for the archived ones.
        boolean archived = params.bool("archived").orElse(false);
        Optional<String> lookupKey = params.string("lookup_key");
        Predicate<JsonObject> filter = feature -> Json.bool(feature, "active") != archived
                && lookupKey.map(key -> key.equals(Json.string(feature, "lookup_key"))).orElse(true);
        return Response.ok(store.atomically(() -> Listing.page(store.all("entitlements.feature"), filter, params,
                FEATURES, "feature", expander)));
    }

    private Response attach(Request request) {
        Params params = request.params();
        String featureId = params.requiredString("entitlement_feature");
        return Response.ok(store.atomically(() -> {
            String productId = catalog.product(request.pathValue("product"), null).get("id").getAsString();
            JsonObject link = features.attach(productId, featureId);
            entitlements.settleAll();
            return expander.render(link, params);
        }));
    }

    private Response detach(Request request) {
        return Response.ok(store.atomically(() -> {
            String productId = catalog.product(request.pathValue("product"), null).get("id").getAsString();
            JsonObject stub = features.detach(productId, request.pathValue("id"));
            entitlements.settleAll();
            return stub;
        }));
    }

    private Response listProductFeatures(Request request) {
        Params params = request.params();
        return Response.ok(store.atomically(() -> {
            String productId = catalog.product(request.pathValue("product"), null).get("id").getAsString();
            return Listing.page(features.ofProduct(productId), link -> true, params,
                    "/v1/products/" + productId + "/features", "product_feature", expander);
        }));
    }

    private Response listActive(Request request) {
        Params params = request.params();
        String customerId = params.requiredString("customer");
        return Response.ok(store.atomically(() -> {
            store.find("customer", customerId).filter(customer -> !Customers.isDeleted(customer))
                    .orElseThrow(() -> ApiError.noSuch("customer", customerId, "customer"));
            return Listing.page(entitlements.held(customerId), entitlement -> true, params, Entitlements.LIST_URL,
                    "active entitlement", expander);
        }));
    }
}

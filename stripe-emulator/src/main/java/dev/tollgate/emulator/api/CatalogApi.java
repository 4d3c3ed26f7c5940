package dev.tollgate.emulator.api;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.billing.Catalog;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code /v1/products} and {@code /v1/prices}: views of the seeded catalog, and {@code POST /v1/prices} to add a
 * price to a product (with {@code transfer_lookup_key}, to move a lookup key to it).
 */
public final class CatalogApi {
    private final Store store;
    private final Catalog catalog;
    private final Expander expander;

    public CatalogApi(Store store, Catalog catalog) {
        this.store = store;
        this.catalog = catalog;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        router.get("/v1/products", this::listProducts)
                .get("/v1/products/{id}", request -> Response.ok(store.atomically(() ->
                        expander.render(catalog.product(request.pathValue("id"), null), request.params()))))
                .get("/v1/prices", this::listPrices)
                .post("/v1/prices", this::createPrice)
                .get("/v1/prices/{id}", request -> Response.ok(store.atomically(() ->
                        expander.render(catalog.price(request.pathValue("id"), null), request.params()))));
    }

    private Response listProducts(Request request) {
        Params params = request.params();
        Optional<Boolean> active = params.bool("active");
        List<String> ids = params.strings("ids");
        Predicate<JsonObject> filter = product -> active.map(a -> a == Json.bool(product, "active")).orElse(true)
                && (ids.isEmpty() || ids.contains(Json.string(product, "id")));
        return Response.ok(store.atomically(() ->
                Listing.page(store.all("product"), filter, params, "/v1/products", "product", expander)));
    }

    private Response createPrice(Request request) {
        Params params = request.params();
        String product = params.requiredString("product");
        JsonObject spec = new JsonObject();
        spec.addProperty("currency", params.requiredString("currency").toLowerCase(java.util.Locale.ROOT));
        long unitAmount = params.integer("unit_amount").orElseThrow(() -> ApiError.missingParam("unit_amount"));
        if (unitAmount < 0) {
            throw ApiError.invalidParam("unit_amount", "This value must be greater than or equal to 0.");
        }
        spec.addProperty("unit_amount", unitAmount);
        params.string("lookup_key").ifPresent(key -> spec.addProperty("lookup_key", key));
        params.string("nickname").ifPresent(name -> spec.addProperty("nickname", name));
        if (params.isHash("recurring")) {
            Params recurring = params.hash("recurring");
            JsonObject recurringSpec = new JsonObject();
            String interval = recurring.requiredString("interval");
            if (!java.util.Set.of("day", "week", "month", "year").contains(interval)) {
                throw ApiError.invalidParam("recurring[interval]", "Invalid recurring[interval]: must be one of day,"
                        + " week, month, or year");
            }
            recurringSpec.addProperty("interval", interval);
            recurring.integer("interval_count").ifPresent(count -> recurringSpec.addProperty("interval_count", count));
            spec.add("recurring", recurringSpec);
        }
        boolean transfer = params.bool("transfer_lookup_key").orElse(false);
        return Response.ok(store.atomically(() ->
                expander.render(catalog.create(product, spec, transfer), params)));
    }

    private Response listPrices(Request request) {
        Params params = request.params();
        Optional<Boolean> active = params.bool("active");
        Optional<String> product = params.string("product");
        Optional<String> type = params.string("type");
        Optional<String> currency = params.string("currency");
        List<String> lookupKeys = params.strings("lookup_keys");
        Predicate<JsonObject> filter = price -> active.map(a -> a == Json.bool(price, "active")).orElse(true)
                && product.map(p -> p.equals(Json.string(price, "product"))).orElse(true)
                && type.map(t -> t.equals(Json.string(price, "type"))).orElse(true)
                && currency.map(c -> c.equals(Json.string(price, "currency"))).orElse(true)
                && (lookupKeys.isEmpty() || lookupKeys.contains(Json.string(price, "lookup_key")));
        return Response.ok(store.atomically(() ->
                Listing.page(store.all("price"), filter, params, "/v1/prices", "price", expander)));
    }
}

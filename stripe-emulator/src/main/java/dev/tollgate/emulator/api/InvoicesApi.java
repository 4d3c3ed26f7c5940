package dev.tollgate.emulator.api;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.billing.Invoices;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code /v1/invoices}: retrieve, list by customer, subscription and status; {@code /v1/invoiceitems} (the
 * prorations a plan switch made): retrieve, list by customer, invoice and {@code pending}.
 */
public final class InvoicesApi {
    private final Store store;
    private final Invoices invoices;
    private final Expander expander;

    public InvoicesApi(Store store, Invoices invoices) {
        this.store = store;
        this.invoices = invoices;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        router.get("/v1/invoices", this::list)
                .get("/v1/invoices/{id}", request -> Response.ok(store.atomically(() ->
                        expander.render(invoices.require(request.pathValue("id")), request.params()))))
                .get("/v1/invoiceitems", this::listItems)
                .get("/v1/invoiceitems/{id}", request -> Response.ok(store.atomically(() -> expander.render(
                        store.find("invoiceitem", request.pathValue("id")).orElseThrow(() ->
                                ApiError.noSuch("invoiceitem", request.pathValue("id"), null)),
                        request.params()))));
    }

    private Response listItems(Request request) {
        Params params = request.params();
        Optional<String> customer = params.string("customer");
        Optional<String> invoice = params.string("invoice");
        Optional<Boolean> pending = params.bool("pending");
        Predicate<JsonObject> filter = item ->
                customer.map(c -> c.equals(Json.string(item, "customer"))).orElse(true)
                && invoice.map(i -> i.equals(Json.string(item, "invoice"))).orElse(true)
                && pending.map(p -> p == (Json.string(item, "invoice") == null)).orElse(true);
        return Response.ok(store.atomically(() ->
                Listing.page(store.all("invoiceitem"), filter, params, "/v1/invoiceitems", "invoiceitem", expander)));
    }

    private Response list(Request request) {
        Params params = request.params();
        Optional<String> customer = params.string("customer");
        Optional<String> subscription = params.string("subscription");
        Optional<String> status = params.string("status");
        Predicate<JsonObject> filter = invoice ->
                customer.map(c -> c.equals(Json.string(invoice, "customer"))).orElse(true)
                && subscription.map(s -> s.equals(subscriptionOf(invoice))).orElse(true)
                && status.map(s -> s.equals(Json.string(invoice, "status"))).orElse(true);
        return Response.ok(store.atomically(() ->
                Listing.page(store.all("invoice"), filter, params, "/v1/invoices", "invoice", expander)));
    }

    private static String subscriptionOf(JsonObject invoice) {
        JsonObject parent = Json.object(invoice, "parent");
        JsonObject details = parent == null ? null : Json.object(parent, "subscription_details");
        return details == null ? null : Json.string(details, "subscription");
    }
}

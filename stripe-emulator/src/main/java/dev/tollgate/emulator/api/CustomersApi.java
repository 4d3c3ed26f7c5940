package dev.tollgate.emulator.api;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.billing.Customers;
import dev.tollgate.emulator.billing.Subscriptions;
import dev.tollgate.emulator.billing.TestClocks;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;

/** {@code /v1/customers}: create (also on a {@code test_clock}), retrieve, update, delete, list (by {@code email}). */
public final class CustomersApi {
    private final Store store;
    private final Customers customers;
    private final Subscriptions subscriptions;
    private final TestClocks testClocks;
    private final Expander expander;

    public CustomersApi(Store store, Customers customers, Subscriptions subscriptions, TestClocks testClocks) {
        this.store = store;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.testClocks = testClocks;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        router.post("/v1/customers", this::create)
                .get("/v1/customers", this::list)
                .get("/v1/customers/{id}", this::retrieve)
                .post("/v1/customers/{id}", this::update)
                .delete("/v1/customers/{id}", this::delete);
    }

    private static Customers.Details details(Params params, boolean update) {
        // On update, an empty value clears the field, so keep "" apart from "not sent".
        return new Customers.Details(
                field(params, "email", update), field(params, "name", update), field(params, "description", update),
                params.hash("metadata").stringPairs());
    }

    private static String field(Params params, String name, boolean update) {
        if (update && params.isBlanked(name)) {
            params.string(name);
            return "";
        }
        return params.string(name).orElse(null);
    }

    private Response create(Request request) {
        Params params = request.params();
        Customers.Details details = details(params, false);
        String clockId = params.string("test_clock").orElse(null);
        return Response.ok(store.atomically(() -> {
            if (clockId == null) {
                return expander.render(customers.create(details), params);
            }
            long clockTime = Json.integer(testClocks.require(clockId, "test_clock"), "frozen_time");
            return expander.render(store.at(clockTime, () -> customers.create(details, clockId)), params);
        }));
    }

    private Response retrieve(Request request) {
        String id = request.pathValue("id");
        return Response.ok(store.atomically(() -> {
            JsonObject customer = store.find("customer", id).orElse(null);
            if (customer != null && Customers.isDeleted(customer)) {
                return Customers.deletedStub(id); // Stripe answers 200 with the stub, not 404
            }
            return expander.render(customers.require(id, null), request.params());
        }));
    }

    private Response update(Request request) {
        Params params = request.params();
        Customers.Details details = details(params, true);
        return Response.ok(store.atomically(() -> expander.render(
                customers.update(request.pathValue("id"), details), params)));
    }

    private Response delete(Request request) {
        return Response.ok(store.atomically(() -> customers.delete(request.pathValue("id"), subscriptions)));
    }

    private Response list(Request request) {
        Params params = request.params();
        String email = params.string("email").orElse(null);
        return Response.ok(store.atomically(() -> Listing.page(store.all("customer"),
                customer -> !Customers.isDeleted(customer)
                        && (email == null || email.equals(Json.string(customer, "email"))),
                params, "/v1/customers", "customer", expander)));
    }
}

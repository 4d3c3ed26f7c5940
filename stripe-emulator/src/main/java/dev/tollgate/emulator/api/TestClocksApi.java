package dev.tollgate.emulator.api;

import dev.tollgate.emulator.billing.Customers;
import dev.tollgate.emulator.billing.Subscriptions;
import dev.tollgate.emulator.billing.TestClocks;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;

/** {@code /v1/test_helpers/test_clocks}: create, retrieve, list, advance, delete — as stripe-java calls them. */
public final class TestClocksApi {
    private static final String BASE = "/v1/test_helpers/test_clocks";

    private final Store store;
    private final TestClocks testClocks;
    private final Customers customers;
    private final Subscriptions subscriptions;
    private final Expander expander;

    public TestClocksApi(Store store, TestClocks testClocks, Customers customers, Subscriptions subscriptions) {
        this.store = store;
        this.testClocks = testClocks;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        router.post(BASE, this::create)
                .get(BASE, this::list)
                .get(BASE + "/{id}", request -> Response.ok(store.atomically(() ->
                        expander.render(testClocks.require(request.pathValue("id"), null), request.params()))))
                .post(BASE + "/{id}/advance", this::advance)
                .delete(BASE + "/{id}", request -> Response.ok(store.atomically(() ->
                        testClocks.delete(request.pathValue("id"), customers, subscriptions))));
    }

    private Response create(Request request) {
        Params params = request.params();
        long frozenTime = params.integer("frozen_time").orElseThrow(() ->
                ApiError.missingParam("frozen_time"));
        String name = params.string("name").orElse(null);
        return Response.ok(store.atomically(() -> expander.render(testClocks.create(frozenTime, name), params)));
    }

    private Response advance(Request request) {
        Params params = request.params();
        long frozenTime = params.integer("frozen_time").orElseThrow(() ->
                ApiError.missingParam("frozen_time"));
        return Response.ok(store.atomically(() ->
                expander.render(testClocks.advance(request.pathValue("id"), frozenTime), params)));
    }

    private Response list(Request request) {
        Params params = request.params();
        return Response.ok(store.atomically(() -> Listing.page(store.all("test_helpers.test_clock"),
                clock -> !Json.bool(clock, "deleted"), params, BASE, "test_helpers.test_clock", expander)));
    }
}

package dev.tollgate.emulator.api;

import dev.tollgate.emulator.billing.Customers;
import dev.tollgate.emulator.billing.Portal;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Store;

/**
 * {@code POST /v1/billing_portal/sessions} ({@code customer}, {@code return_url}, {@code configuration}): a link to
 * the emulator's portal page for a customer.
 */
public final class PortalApi {
    private final Store store;
    private final Portal portal;
    private final Customers customers;
    private final Expander expander;

    public PortalApi(Store store, Portal portal, Customers customers) {
        this.store = store;
        this.portal = portal;
        this.customers = customers;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        router.post("/v1/billing_portal/sessions", this::create);
    }

    private Response create(Request request) {
        Params params = request.params();
        String customer = params.requiredString("customer");
        String returnUrl = params.string("return_url").orElse(null);
        String configuration = params.string("configuration").orElse(null);
        return Response.ok(store.atomically(() -> {
            customers.require(customer, "customer");
            return expander.render(portal.create(customer, returnUrl, configuration), params);
        }));
    }
}

package dev.tollgate.emulator.api;

import dev.tollgate.emulator.billing.PortalConfigurations;
import dev.tollgate.emulator.billing.ProrationBehavior;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.Optional;

/**
 * {@code /v1/billing_portal/configurations}: create, retrieve, update, list ({@code is_default}, {@code active}).
 * Of the features only {@code subscription_update}'s {@code enabled} and {@code proration_behavior} are read.
 */
public final class PortalConfigurationsApi {
    private static final String URL = "/v1/billing_portal/configurations";

    private final Store store;
    private final PortalConfigurations configurations;
    private final Expander expander;

    public PortalConfigurationsApi(Store store, PortalConfigurations configurations) {
        this.store = store;
        this.configurations = configurations;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        router.post(URL, request -> {
            PortalConfigurations.Settings settings = settings(request.params());
            return Response.ok(store.atomically(() ->
                    expander.render(configurations.create(settings), request.params())));
        })
                .post(URL + "/{id}", request -> {
                    PortalConfigurations.Settings settings = settings(request.params());
                    return Response.ok(store.atomically(() -> expander.render(
                            configurations.update(request.pathValue("id"), settings), request.params())));
                })
                .get(URL + "/{id}", request -> Response.ok(store.atomically(() ->
                        expander.render(configurations.require(request.pathValue("id")), request.params()))))
                .get(URL, this::list);
    }

    private static PortalConfigurations.Settings settings(Params params) {
        Params update = params.hash("features").hash("subscription_update");
        Boolean enabled = update.bool("enabled").orElse(null);
        ProrationBehavior behavior = update.string("proration_behavior")
                .map(value -> ProrationBehavior.parse(update.qualified("proration_behavior"), value)).orElse(null);
        return new PortalConfigurations.Settings(enabled, behavior, params.hash("metadata").stringPairs());
    }

    private Response list(Request request) {
        Params params = request.params();
        Optional<Boolean> isDefault = params.bool("is_default");
        Optional<Boolean> active = params.bool("active");
        return Response.ok(store.atomically(() -> Listing.page(configurations.all(), configuration ->
                isDefault.map(wanted -> wanted == Json.bool(configuration, "is_default")).orElse(true)
                        && active.map(wanted -> wanted == Json.bool(configuration, "active")).orElse(true),
                params, URL, "billing_portal.configuration", expander)));
    }
}

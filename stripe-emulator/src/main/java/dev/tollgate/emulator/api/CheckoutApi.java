package dev.tollgate.emulator.api;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.billing.Checkout;
import dev.tollgate.emulator.billing.CheckoutExtras;
import dev.tollgate.emulator.billing.Customers;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code /v1/checkout/sessions}: create, retrieve, list ({@code status}, {@code customer}, {@code subscription},
 * {@code payment_intent}, {@code created}, cursors; newest first, every mode), expire, and the session's line items.
 */
public final class CheckoutApi {
    private static final Set<String> STATUSES = Set.of("complete", "expired", "open");

    private final Store store;
    private final Checkout checkout;
    private final Customers customers;
    private final Expander expander;

    public CheckoutApi(Store store, Checkout checkout, Customers customers) {
        this.store = store;
        this.checkout = checkout;
        this.customers = customers;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        router.post("/v1/checkout/sessions", this::create)
                .get("/v1/checkout/sessions", this::list)
                .get("/v1/checkout/sessions/{id}", request -> Response.ok(store.atomically(() ->
                        expander.render(checkout.require(request.pathValue("id")), request.params()))))
                .post("/v1/checkout/sessions/{id}/expire", request -> Response.ok(store.atomically(() ->
                        expander.render(checkout.expire(request.pathValue("id")), request.params()))))
                .get("/v1/checkout/sessions/{id}/line_items", this::lineItems);
    }

    private Response create(Request request) {
        Params params = request.params();
        List<Checkout.LineRequest> lines = new ArrayList<>();
        List<Params> items = params.hashes("line_items");
        for (int i = 0; i < items.size(); i++) {
            Params item = items.get(i);
            lines.add(new Checkout.LineRequest(item.string("price").orElse(null),
                    item.integer("quantity").orElse(null), "line_items[" + i + "]"));
        }
        String uiMode = params.string("ui_mode").orElse("hosted");
        if (!"hosted".equals(uiMode)) {
            throw ApiError.invalidParam("ui_mode", "Only ui_mode=hosted is emulated.");
        }
        Checkout.SessionRequest sessionRequest = new Checkout.SessionRequest(
                params.string("mode").orElse(null), lines,
                params.string("customer").orElse(null),
                params.string("customer_email").orElse(null),
                params.string("client_reference_id").orElse(null),
                params.hash("metadata").stringPairs(),
                params.string("success_url").orElse(null),
                params.string("cancel_url").orElse(null),
                params.hash("subscription_data").hash("metadata").stringPairs(),
                params.hash("payment_intent_data").hash("metadata").stringPairs(),
                params.string("customer_creation").orElse(null),
                params.integer("expires_at").orElse(null),
                trial(params.hash("subscription_data")),
                params.string("payment_method_collection").orElse(null),
                new CheckoutExtras(params.bool("allow_promotion_codes").orElse(false),
                        params.hash("automatic_tax").bool("enabled").orElse(false),
                        params.hash("tax_id_collection").bool("enabled").orElse(false),
                        params.hash("customer_update").stringPairs()));
        if (sessionRequest.successUrl() == null) {
            throw ApiError.missingParam("success_url");
        }
        return Response.ok(store.atomically(() ->
                expander.render(checkout.create(sessionRequest, customers), params)));
    }

    private static Checkout.Trial trial(Params subscriptionData) {
        Optional<Long> days = subscriptionData.integer("trial_period_days");
        Optional<Long> end = subscriptionData.integer("trial_end");
        String missing = subscriptionData.hash("trial_settings").hash("end_behavior")
                .string("missing_payment_method").orElse("create_invoice");
        if (days.isPresent() && end.isPresent()) {
            throw ApiError.invalidParam("subscription_data[trial_end]",
                    "You may only specify one of these parameters: trial_end, trial_period_days.");
        }
        if (days.isEmpty() && end.isEmpty()) {
            return null;
        }
        if (days.isPresent() && (days.get() < 1 || days.get() > 730)) {
            throw ApiError.invalidParam("subscription_data[trial_period_days]",
                    "The trial period must be between 1 and 730 days.");
        }
        if (!List.of("cancel", "create_invoice", "pause").contains(missing)) {
            throw ApiError.invalidParam("subscription_data[trial_settings][end_behavior][missing_payment_method]",
                    "Invalid missing_payment_method: must be one of cancel, create_invoice or pause");
        }
        return new Checkout.Trial(days.orElse(null), end.orElse(null), missing);
    }

    private Response list(Request request) {
        Params params = request.params();
        Optional<String> customer = params.string("customer");
        Optional<String> subscription = params.string("subscription");
        Optional<String> paymentIntent = params.string("payment_intent");
        Optional<String> status = params.string("status");
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw ApiError.invalidParam("status", "Invalid status: must be one of complete, expired, or open");
        }
        Predicate<JsonObject> filter = session -> matches(session, "customer", customer)
                && matches(session, "subscription", subscription)
                && matches(session, "payment_intent", paymentIntent)
                && matches(session, "status", status);
        return Response.ok(store.atomically(() -> Listing.page(store.all("checkout.session"), filter, params,
                "/v1/checkout/sessions", "checkout.session", expander)));
    }

    private static boolean matches(JsonObject object, String field, Optional<String> wanted) {
        return wanted.map(value -> value.equals(Json.string(object, field))).orElse(true);
    }

    private Response lineItems(Request request) {
        Params params = request.params();
        return Response.ok(store.atomically(() -> {
            JsonObject session = checkout.require(request.pathValue("id"));
            List<JsonObject> oldestFirst = new ArrayList<>(Checkout.lines(session));
            Collections.reverse(oldestFirst);
            return Listing.page(oldestFirst, line -> true, params,
                    "/v1/checkout/sessions/" + Json.string(session, "id") + "/line_items", "item", expander);
        }));
    }
}

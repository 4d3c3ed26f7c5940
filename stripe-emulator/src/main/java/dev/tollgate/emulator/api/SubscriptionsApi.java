package dev.tollgate.emulator.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.billing.Customers;
import dev.tollgate.emulator.billing.PlanSwitches;
import dev.tollgate.emulator.billing.ProrationBehavior;
import dev.tollgate.emulator.billing.Renewals;
import dev.tollgate.emulator.billing.Subscriptions;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code /v1/subscriptions}: retrieve, list, update ({@code cancel_at_period_end}, {@code default_payment_method},
 * metadata, and one item's price with {@code proration_behavior}), resume (a paused one), cancel.
 */
public final class SubscriptionsApi {
    private static final Set<String> STATUSES = Set.of("active", "all", "canceled", "ended", "incomplete",
            "incomplete_expired", "past_due", "paused", "trialing", "unpaid");

    private final Store store;
    private final Subscriptions subscriptions;
    private final Renewals renewals;
    private final Customers customers;
    private final PlanSwitches planSwitches;
    private final Expander expander;

    public SubscriptionsApi(Store store, Subscriptions subscriptions, Renewals renewals, Customers customers,
            PlanSwitches planSwitches) {
        this.store = store;
        this.planSwitches = planSwitches;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.renewals = renewals;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        router.get("/v1/subscriptions", this::list)
                .get("/v1/subscriptions/{id}", request -> Response.ok(store.atomically(() ->
                        expander.render(subscriptions.require(request.pathValue("id")), request.params()))))
                .post("/v1/subscriptions/{id}", this::update)
                .post("/v1/subscriptions/{id}/resume", this::resume)
                .delete("/v1/subscriptions/{id}", request -> Response.ok(onItsClock(request.pathValue("id"), () ->
                        expander.render(subscriptions.cancelNow(request.pathValue("id")), request.params()))));
    }

    private Response update(Request request) {
        Params params = request.params();
        if (params.has("cancel_at")) {
            throw ApiError.invalidParam("cancel_at", "The emulator does not emulate this subscription change yet.");
        }
        Optional<Boolean> cancelAtPeriodEnd = params.bool("cancel_at_period_end");
        Optional<String> paymentMethod = params.string("default_payment_method");
        Map<String, String> metadata = params.hash("metadata").stringPairs();
        ProrationBehavior behavior = params.string("proration_behavior")
                .map(value -> ProrationBehavior.parse("proration_behavior", value))
                .orElse(ProrationBehavior.CREATE_PRORATIONS);
        Optional<ItemChange> itemChange = itemChange(params);
        String id = request.pathValue("id");
        return Response.ok(onItsClock(id, () -> {
            paymentMethod.ifPresent(method -> subscriptions.setDefaultPaymentMethod(id, method));
            itemChange.ifPresent(change -> switchPrice(id, change, behavior));
            JsonObject subscription = cancelAtPeriodEnd.isPresent()
                    ? subscriptions.setCancelAtPeriodEnd(id, cancelAtPeriodEnd.get(), metadata)
                    : subscriptions.updateMetadata(id, metadata);
            return expander.render(subscription, params);
        }));
    }

    /** {@code items[0][id]} and {@code items[0][price]}: the one item of the subscription moved to a price. */
    private record ItemChange(String itemId, String priceId) {
    }

    private static Optional<ItemChange> itemChange(Params params) {
        List<Params> items = params.hashes("items");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        if (items.size() != 1) {
            throw ApiError.invalidParam("items", "The emulator changes the price of a subscription's one item only: "
                    + "give items[0][id] and items[0][price].");
        }
        Params item = items.get(0);
        return Optional.of(new ItemChange(item.requiredString("id"), item.requiredString("price")));
    }

    private void switchPrice(String id, ItemChange change, ProrationBehavior behavior) {
        JsonObject subscription = subscriptions.require(id);
        JsonObject item = subscription.getAsJsonObject("items").getAsJsonArray("data").asList().stream()
                .map(JsonElement::getAsJsonObject).filter(each -> change.itemId().equals(Json.string(each, "id")))
                .findFirst().orElseThrow(() -> ApiError.noSuch("subscription_item", change.itemId(), "items[0][id]"));
        JsonObject price = store.find("price", change.priceId())
                .orElseThrow(() -> ApiError.noSuch("price", change.priceId(), "items[0][price]"));
        if (change.priceId().equals(Json.string(item.getAsJsonObject("price"), "id"))) {
            return; // the same price: nothing to switch, as on Stripe
        }
        planSwitches.switchTo(subscription, price, behavior);
    }

    private Response resume(Request request) {
        Params params = request.params();
        String anchor = params.string("billing_cycle_anchor").orElse("now");
        if (!"now".equals(anchor)) {
            throw ApiError.invalidParam("billing_cycle_anchor", "Only billing_cycle_anchor=now is emulated.");
        }
        params.string("proration_behavior"); // nothing is prorated here, so any choice comes out the same
        return Response.ok(onItsClock(request.pathValue("id"), () -> expander.render(
                renewals.resume(subscriptions.require(request.pathValue("id"))), params)));
    }

    /** Changes a subscription at the time its customer lives by (a test clock's, if it has one). */
    private <T> T onItsClock(String id, Supplier<T> change) {
        return store.atomically(() -> {
            JsonObject subscription = subscriptions.require(id);
            return store.at(customers.timeOf(Json.string(subscription, "customer")), change);
        });
    }

    private Response list(Request request) {
        Params params = request.params();
        Optional<String> customer = params.string("customer");
        Optional<String> price = params.string("price");
        String status = params.string("status").orElse(null);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiError.invalidParam("status", "Invalid status: must be one of " + STATUSES);
        }
        Predicate<JsonObject> filter = subscription ->
                customer.map(c -> c.equals(Json.string(subscription, "customer"))).orElse(true)
                && price.map(p -> hasPrice(subscription, p)).orElse(true)
                && statusMatches(subscription, status);
        return Response.ok(store.atomically(() -> Listing.page(store.all("subscription"), filter, params,
                "/v1/subscriptions", "subscription", expander)));
    }

    /** Stripe's default omits ended subscriptions; {@code all} includes them, {@code ended} selects them. */
    private static boolean statusMatches(JsonObject subscription, String wanted) {
        String status = Json.string(subscription, "status");
        if (wanted == null) {
            return Subscriptions.isLive(subscription);
        }
        switch (wanted) {
            case "all":
                return true;
            case "ended":
                return !Subscriptions.isLive(subscription);
            default:
                return wanted.equals(status);
        }
    }

    private static boolean hasPrice(JsonObject subscription, String priceId) {
        for (JsonElement item : subscription.getAsJsonObject("items").getAsJsonArray("data")) {
            if (priceId.equals(Json.string(item.getAsJsonObject().getAsJsonObject("price"), "id"))) {
                return true;
            }
        }
        return false;
    }
}

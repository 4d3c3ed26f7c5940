package dev.tollgate.emulator.api;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.billing.Customers;
import dev.tollgate.emulator.billing.Payments;
import dev.tollgate.emulator.billing.TestCard;
import dev.tollgate.emulator.billing.TestCards;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.Optional;

/**
 * {@code /v1/payment_methods}: retrieve, list ({@code customer}), and attach — including Stripe's ready-made
 * test payment methods ({@code pm_card_visa}, {@code pm_card_chargeCustomerFail}, {@code pm_card_createDispute},
 * …), which attach as a new payment method of that test card, as on Stripe. With {@code default_payment_method}
 * on a subscription this is how a test makes later renewals fail.
 */
public final class PaymentMethodsApi {
    private final Store store;
    private final Payments payments;
    private final Customers customers;
    private final Expander expander;

    public PaymentMethodsApi(Store store, Payments payments, Customers customers) {
        this.store = store;
        this.payments = payments;
        this.customers = customers;
        this.expander = new Expander(store);
    }

    public void register(Router router) {
        router.get("/v1/payment_methods", this::list)
                .get("/v1/payment_methods/{id}", request -> Response.ok(store.atomically(() ->
                        expander.render(require(request.pathValue("id")), request.params()))))
                .post("/v1/payment_methods/{id}/attach", this::attach);
    }

    private JsonObject require(String id) {
        return store.find("payment_method", id).orElseThrow(() -> ApiError.noSuch("payment_method", id, null));
    }

    private Response attach(Request request) {
        Params params = request.params();
        String customerId = params.requiredString("customer");
        String id = request.pathValue("id");
        return Response.ok(store.atomically(() -> {
            JsonObject customer = customers.require(customerId, "customer");
            Optional<TestCard> testCard = TestCards.forPaymentMethod(id);
            if (testCard.isPresent()) {
                TestCard card = testCard.get();
                if (!card.attaches()) {
                    throw new ApiError(402, "card_error", "card_declined", card.message(), null);
                }
                JsonObject method = payments.attachCard(card, customerId, Json.string(customer, "email"));
                store.recordEvent("payment_method.attached", method, null);
                return expander.render(method, params);
            }
            JsonObject method = require(id);
            String owner = Json.string(method, "customer");
            if (owner != null && !owner.equals(customerId)) {
                throw ApiError.stateConflict("The payment method you provided has already been attached to a "
                        + "customer.");
            }
            method.addProperty("customer", customerId);
            store.recordEvent("payment_method.attached", method, null);
            return expander.render(method, params);
        }));
    }

    private Response list(Request request) {
        Params params = request.params();
        Optional<String> customer = params.string("customer");
        Optional<String> type = params.string("type");
        return Response.ok(store.atomically(() -> Listing.page(store.all("payment_method"),
                method -> customer.map(c -> c.equals(Json.string(method, "customer"))).orElse(true)
                        && type.map(t -> t.equals(Json.string(method, "type"))).orElse(true),
                params, "/v1/payment_methods", "payment_method", expander)));
    }
}

package dev.tollgate.emulator.billing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checkout Sessions: created open by the API, paid on the emulator's hosted page. A session keeps its line
 * items under {@code line_items}, which responses show only when expanded, as Stripe does.
 */
public final class Checkout {
    private static final long DEFAULT_LIFETIME_SECONDS = 24 * 60 * 60;
    private static final long MIN_TRIAL_END_SECONDS = 2 * 24 * 60 * 60;

    private final Store store;
    private final Catalog catalog;
    private final String hostedPagesBase;

    public Checkout(Store store, Catalog catalog, String hostedPagesBase) {
        this.store = store;
        this.catalog = catalog;
        this.hostedPagesBase = hostedPagesBase;
    }

    /** One requested line; {@code param} is its name in the request, for errors. */
    public record LineRequest(String priceId, Long quantity, String param) {
    }

    /** The fields of {@code POST /v1/checkout/sessions} the emulator understands; null = not given. */
    public record SessionRequest(String mode, List<LineRequest> lines, String customerId, String customerEmail,
            String clientReferenceId, Map<String, String> metadata, String successUrl, String cancelUrl,
            Map<String, String> subscriptionMetadata, Map<String, String> paymentIntentMetadata,
            String customerCreation, Long expiresAt, Trial trial, String paymentMethodCollection,
            CheckoutExtras extras) {
    }

    /**
     * {@code subscription_data[trial_period_days]} or {@code [trial_end]} (one of them is null), and
     * {@code subscription_data[trial_settings][end_behavior][missing_payment_method]}; null when no trial.
     */
    public record Trial(Long days, Long end, String missingPaymentMethod) {
    }

    public JsonObject create(SessionRequest request, Customers customers) {
        String mode = request.mode();
        if (mode == null) {
            throw ApiError.missingParam("mode");
        }
        if (!"subscription".equals(mode) && !"payment".equals(mode)) {
            throw ApiError.invalidParam("mode", "Invalid mode: must be one of payment or subscription "
                    + "(setup mode is not emulated)");
        }
        if (request.lines().isEmpty()) {
            throw ApiError.missingParam("line_items");
        }
        if (request.customerId() != null && request.customerEmail() != null) {
            throw ApiError.invalidParam("customer_email",
                    "You may only specify one of these parameters: customer, customer_email.");
        }
        if (request.customerId() != null) {
            customers.require(request.customerId(), "customer");
        }
        request.extras().check(request.customerId(), customers);
        JsonArray items = new JsonArray();
        long total = 0;
        String currency = null;
        for (LineRequest line : request.lines()) {
            JsonObject item = lineItem(line, mode);
            total += Json.integer(item, "amount_total");
            currency = Json.string(item, "currency");
            items.add(item);
        }
        if (request.trial() != null && !"subscription".equals(mode)) {
            throw ApiError.invalidParam("subscription_data", "You can only specify `subscription_data` in "
                    + "`subscription` mode.");
        }
        String collection = request.paymentMethodCollection() == null ? "always" : request.paymentMethodCollection();
        if (!"always".equals(collection) && !"if_required".equals(collection)) {
            throw ApiError.invalidParam("payment_method_collection",
                    "Invalid payment_method_collection: must be one of always or if_required");
        }
        String id = store.newId("cs_test");
        long now = store.now();
        if (request.trial() != null) {
            total = 0; // nothing is due today; the first charge comes when the trial ends
        }

        JsonObject session = new JsonObject();
        session.addProperty("id", id);
        session.addProperty("object", "checkout.session");
        Json.putNulls(session, "after_expiration", "billing_address_collection",
                "client_secret", "customer_details", "invoice", "locale", "payment_intent", "payment_link",
                "submit_type", "subscription");
        session.addProperty("amount_subtotal", total);
        session.addProperty("amount_total", total);
        request.extras().showOn(session);
        Json.put(session, "cancel_url", request.cancelUrl());
        Json.put(session, "client_reference_id", request.clientReferenceId());
        session.addProperty("created", now);
        session.addProperty("currency", currency);
        Json.put(session, "customer", request.customerId());
        Json.put(session, "customer_creation", "payment".equals(mode) && request.customerId() == null
                ? (request.customerCreation() == null ? "if_required" : request.customerCreation()) : null);
        Json.put(session, "customer_email", request.customerEmail());
        session.addProperty("expires_at", request.expiresAt() == null ? now + DEFAULT_LIFETIME_SECONDS
                : request.expiresAt());
        session.add("line_items", Json.list(toList(items), false, "/v1/checkout/sessions/" + id + "/line_items"));
        session.addProperty("livemode", false);
        session.add("metadata", Json.stringMap(request.metadata()));
        session.addProperty("mode", mode);
        session.addProperty("payment_method_collection", collection);
        session.add("payment_method_types", Json.strings("card"));
        session.addProperty("payment_status", "unpaid");
        session.addProperty("status", "open");
        Json.put(session, "success_url", request.successUrl());
        JsonObject totals = new JsonObject();
        totals.addProperty("amount_discount", 0);
        totals.addProperty("amount_shipping", 0);
        totals.addProperty("amount_tax", 0);
        session.add("total_details", totals);
        session.addProperty("ui_mode", "hosted");
        session.addProperty("url", hostedPagesBase + "/checkout/" + id);
        // Kept for the hosted page; not part of Stripe's object, so responses never show them.
        session.add("_subscription_metadata", Json.stringMap(request.subscriptionMetadata()));
        session.add("_payment_intent_metadata", Json.stringMap(request.paymentIntentMetadata()));
        if (request.trial() != null) {
            long customerNow = customers.timeOf(request.customerId());
            if (request.trial().end() != null && request.trial().end() < customerNow + MIN_TRIAL_END_SECONDS) {
                throw ApiError.invalidParam("subscription_data[trial_end]",
                        "The `trial_end` date has to be at least 2 days in the future.");
            }
            if (request.trial().days() != null) {
                session.addProperty("_trial_period_days", request.trial().days());
            } else {
                session.addProperty("_trial_end", request.trial().end());
            }
            Json.put(session, "_missing_payment_method", request.trial().missingPaymentMethod());
        }
        return store.insert(session);
    }

    private static List<JsonObject> toList(JsonArray array) {
        return array.asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    private JsonObject lineItem(LineRequest line, String mode) {
        if (line.priceId() == null) {
            throw ApiError.missingParam(line.param() + "[price]");
        }
        JsonObject price = catalog.price(line.priceId(), line.param() + "[price]");
        if (line.quantity() == null) {
            throw ApiError.missingParam(line.param() + "[quantity]");
        }
        if (line.quantity() < 1) {
            throw ApiError.invalidParam(line.param() + "[quantity]", "Quantity must be at least 1.");
        }
        boolean recurring = Catalog.isRecurring(price);
        if ("subscription".equals(mode) && !recurring) {
            throw ApiError.invalidParam(line.param() + "[price]", "The price " + line.priceId()
                    + " is a one-time price; `subscription` mode (emulated) takes recurring prices only.");
        }
        if ("payment".equals(mode) && recurring) {
            throw ApiError.invalidParam(line.param() + "[price]", "You specified `payment` mode but passed a "
                    + "recurring price. Either switch to `subscription` mode or use only one-time prices.");
        }
        long amount = Json.integer(price, "unit_amount") * line.quantity();
        JsonObject item = new JsonObject();
        item.addProperty("id", store.newId("li"));
        item.addProperty("object", "item");
        item.addProperty("amount_discount", 0);
        item.addProperty("amount_subtotal", amount);
        item.addProperty("amount_tax", 0);
        item.addProperty("amount_total", amount);
        item.addProperty("currency", Json.string(price, "currency"));
        item.addProperty("description", store.find("product", Json.string(price, "product"))
                .map(product -> Json.string(product, "name")).orElse(null));
        item.add("price", price.deepCopy());
        item.addProperty("quantity", line.quantity());
        return item;
    }

    /** The session; an open one past its {@code expires_at} is expired first, as Stripe would have by then. */
    public JsonObject require(String id) {
        JsonObject session = store.find("checkout.session", id)
                .orElseThrow(() -> ApiError.noSuch("checkout.session", id, null));
        if ("open".equals(Json.string(session, "status")) && store.now() >= Json.integer(session, "expires_at")) {
            markExpired(session);
        }
        return session;
    }

    /** Expires an open session and records {@code checkout.session.expired}. */
    public JsonObject expire(String id) {
        JsonObject session = require(id);
        if (!"open".equals(Json.string(session, "status"))) {
            throw ApiError.stateConflict("Only Checkout Sessions with a status in [\"open\"] can be expired.");
        }
        markExpired(session);
        return session;
    }

    private void markExpired(JsonObject session) {
        session.addProperty("status", "expired");
        session.add("url", JsonNull.INSTANCE);
        store.recordEvent("checkout.session.expired", session, null);
    }

    /** The priced lines of a session, in order. */
    public static List<JsonObject> lines(JsonObject session) {
        List<JsonObject> lines = new ArrayList<>();
        for (JsonElement line : session.getAsJsonObject("line_items").getAsJsonArray("data")) {
            lines.add(line.getAsJsonObject());
        }
        return lines;
    }
}

package dev.tollgate.emulator.billing;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.Map;

/** Customers: create, change, delete, each with its {@code customer.*} event. Call under the store's lock. */
public final class Customers {
    /** The emulator's own mark of a deleted customer (fields starting with {@code _} are never shown). */
    private static final String DELETED = "_deleted";

    private final Store store;

    public Customers(Store store) {
        this.store = store;
    }

    /** The fields a customer can be created or updated with; null means "not given". */
    public record Details(String email, String name, String description, Map<String, String> metadata) {
    }

    public JsonObject create(Details details) {
        return create(details, null);
    }

    /**
     * Creates a customer that lives by a test clock ({@code test_clock}); call it at the clock's time
     * ({@link Store#at}) so that {@code created} is the clock's.
     */
    public JsonObject create(Details details, String testClockId) {
        JsonObject customer = new JsonObject();
        customer.addProperty("id", store.newId("cus"));
        customer.addProperty("object", "customer");
        customer.add("address", JsonNull.INSTANCE);
        customer.addProperty("balance", 0);
        customer.addProperty("created", store.now());
        Json.putNulls(customer, "currency", "default_source", "discount", "phone", "shipping", "test_clock");
        customer.addProperty("delinquent", false);
        Json.put(customer, "description", details.description());
        Json.put(customer, "email", details.email());
        // Stripe's invoice prefixes are 8 upper-case characters; any random ones will do.
        customer.addProperty("invoice_prefix", store.newId("x").substring(2, 10).toUpperCase());
        JsonObject invoiceSettings = new JsonObject();
        Json.putNulls(invoiceSettings, "custom_fields", "default_payment_method", "footer", "rendering_options");
        customer.add("invoice_settings", invoiceSettings);
        customer.addProperty("livemode", false);
        customer.add("metadata", new JsonObject());
        Json.mergeMetadata(customer, details.metadata());
        Json.put(customer, "name", details.name());
        customer.addProperty("next_invoice_sequence", 1);
        customer.add("preferred_locales", new JsonArray());
        customer.addProperty("tax_exempt", "none");
        Json.put(customer, "test_clock", testClockId);
        store.insert(customer);
        store.recordEvent("customer.created", customer, null);
        return customer;
    }

    /** The time a customer lives by: its test clock's frozen time, or the emulator's own time. */
    public long timeOf(String customerId) {
        String clockId = customerId == null ? null
                : store.find("customer", customerId).map(c -> Json.string(c, "test_clock")).orElse(null);
        if (clockId == null) {
            return store.now();
        }
        return store.find("test_helpers.test_clock", clockId).map(c -> Json.integer(c, "frozen_time"))
                .orElse(store.now());
    }

    /**
     * A live customer; a deleted one is answered as Stripe answers any use of it: {@code resource_missing},
     * "No such customer" (404 for the URL's own id, 400 for an id in the body).
     */
    public JsonObject require(String id, String param) {
        JsonObject customer = store.find("customer", id).orElseThrow(() -> ApiError.noSuch("customer", id, param));
        if (isDeleted(customer)) {
            throw ApiError.noSuch("customer", id, param);
        }
        return customer;
    }

    /**
     * Whether the customer was deleted. The mark is the emulator's own ({@code _deleted}, never shown): Stripe's
     * {@code customer.deleted} event carries the customer as it was, without a {@code deleted} field; only the
     * answers to DELETE and GET are the {@link #deletedStub} ({@code deleted_customer}).
     */
    public static boolean isDeleted(JsonObject customer) {
        return Json.bool(customer, DELETED);
    }

    /** What Stripe answers for a deleted customer: its id, its type and {@code deleted: true}, nothing else. */
    public static JsonObject deletedStub(String id) {
        JsonObject stub = new JsonObject();
        stub.addProperty("id", id);
        stub.addProperty("object", "customer");
        stub.addProperty("deleted", true);
        return stub;
    }

    /** Applies the given fields; records {@code customer.updated} only when something changed. */
    public JsonObject update(String id, Details details) {
        JsonObject customer = require(id, null);
        JsonObject before = customer.deepCopy();
        if (details.email() != null) {
            Json.put(customer, "email", details.email().isEmpty() ? null : details.email());
        }
        if (details.name() != null) {
            Json.put(customer, "name", details.name().isEmpty() ? null : details.name());
        }
        if (details.description() != null) {
            Json.put(customer, "description", details.description().isEmpty() ? null : details.description());
        }
        Json.mergeMetadata(customer, details.metadata());
        JsonObject previous = Changes.previousAttributes(before, customer);
        if (previous != null) {
            store.recordEvent("customer.updated", customer, previous);
        }
        return customer;
    }

    /** Deletes the customer as Stripe does: its subscriptions end at once, the object becomes a stub. */
    public JsonObject delete(String id, Subscriptions subscriptions) {
        JsonObject customer = require(id, null);
        for (JsonObject subscription : store.all("subscription")) {
            if (id.equals(Json.string(subscription, "customer")) && Subscriptions.isLive(subscription)) {
                subscriptions.cancelNow(Json.string(subscription, "id"));
            }
        }
        store.recordEvent("customer.deleted", customer, null);
        customer.addProperty(DELETED, true);
        return deletedStub(id);
    }
}

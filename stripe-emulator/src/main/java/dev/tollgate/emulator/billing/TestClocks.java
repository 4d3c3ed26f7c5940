package dev.tollgate.emulator.billing;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;

/**
 * Stripe's test clocks ({@code test_helpers.test_clock}): a frozen time that customers created with
 * {@code test_clock} live by. Advancing a clock runs, in time order, every renewal, retry and trial step of
 * those customers' subscriptions up to the new time. The advance happens within the request, so the clock
 * answers {@code ready} at once (Stripe answers {@code advancing} and gets there later; a client that polls
 * until {@code ready} works with both). Call under the store's lock.
 */
public final class TestClocks {
    private static final long LIFETIME_SECONDS = 30L * 24 * 60 * 60;

    private final Store store;
    private final Renewals renewals;
    private final DelayedSettlements settlements;

    public TestClocks(Store store, Renewals renewals, DelayedSettlements settlements) {
        this.settlements = settlements;
        this.store = store;
        this.renewals = renewals;
    }

    public JsonObject create(long frozenTime, String name) {
        long now = store.wallNow();
        JsonObject clock = new JsonObject();
        clock.addProperty("id", store.newId("clock"));
        clock.addProperty("object", "test_helpers.test_clock");
        clock.addProperty("created", now);
        clock.addProperty("deletes_after", now + LIFETIME_SECONDS);
        clock.addProperty("frozen_time", frozenTime);
        clock.addProperty("livemode", false);
        Json.put(clock, "name", name);
        clock.addProperty("status", "ready");
        clock.add("status_details", new JsonObject());
        store.insert(clock);
        store.recordEvent("test_helpers.test_clock.created", clock, null);
        return clock;
    }

    public JsonObject require(String id, String param) {
        JsonObject clock = store.find("test_helpers.test_clock", id)
                .orElseThrow(() -> ApiError.noSuch("test_helpers.test_clock", id, param));
        if (Json.bool(clock, "deleted")) {
            throw ApiError.noSuch("test_helpers.test_clock", id, param);
        }
        return clock;
    }

    /** The clock's current time. */
    public long frozenTime(String id) {
        return Json.integer(require(id, null), "frozen_time");
    }

    /** Moves the clock to {@code frozenTime} and lives through everything due on the way. */
    public JsonObject advance(String id, long frozenTime) {
        JsonObject clock = require(id, null);
        if (frozenTime <= Json.integer(clock, "frozen_time")) {
            throw ApiError.invalidParam("frozen_time",
                    "The frozen_time must be after the test clock's current frozen_time.");
        }
        clock.addProperty("status", "advancing");
        store.recordEvent("test_helpers.test_clock.advancing", clock, null);
        Renewals.Clockwork clockwork = (moment, step) -> store.at(moment, () -> {
            clock.addProperty("frozen_time", moment);
            step.run();
            return null;
        });
        settlements.runUntil(frozenTime, customer -> id.equals(Json.string(customer, "test_clock")), clockwork);
        renewals.runUntil(frozenTime, subscription -> id.equals(Json.string(subscription, "test_clock")), clockwork);
        clock.addProperty("frozen_time", frozenTime);
        clock.addProperty("status", "ready");
        store.recordEvent("test_helpers.test_clock.ready", clock, null);
        return clock;
    }

    /** Deletes the clock and, as Stripe does, the customers that live by it. */
    public JsonObject delete(String id, Customers customers, Subscriptions subscriptions) {
        JsonObject clock = require(id, null);
        for (JsonObject customer : store.all("customer")) {
            if (id.equals(Json.string(customer, "test_clock")) && !Customers.isDeleted(customer)) {
                customers.delete(Json.string(customer, "id"), subscriptions);
            }
        }
        clock.addProperty("deleted", true);
        store.recordEvent("test_helpers.test_clock.deleted", clock, null);
        JsonObject stub = new JsonObject();
        stub.addProperty("id", id);
        stub.addProperty("object", "test_helpers.test_clock");
        stub.addProperty("deleted", true);
        return stub;
    }
}

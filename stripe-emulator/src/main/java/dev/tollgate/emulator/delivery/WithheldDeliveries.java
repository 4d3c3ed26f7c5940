package dev.tollgate.emulator.delivery;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.state.EventSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Holds back the webhook deliveries of chosen customers' events until a test lets them go: a renewal whose events
 * reach the app late (or after the period has ended), or two reports of one change arriving in the opposite order
 * of their recording. It sits between the store and the deliverer; the events are recorded (and listed by
 * {@code /v1/events}) as usual, only their delivery waits. Called under the store's lock, like every
 * {@link EventSink}, so it needs no lock of its own.
 */
public final class WithheldDeliveries implements EventSink {
    private final EventSink deliverer;
    private final Function<JsonObject, String> customerOf;
    /** Customer id → its events held so far, oldest first. */
    private final Map<String, List<JsonObject>> held = new HashMap<>();

    /**
     * @param deliverer  where events go when nobody holds them
     * @param customerOf the customer an event is about (null for none), read under the store's lock
     */
    public WithheldDeliveries(EventSink deliverer, Function<JsonObject, String> customerOf) {
        this.deliverer = deliverer;
        this.customerOf = customerOf;
    }

    /** From now on, events about {@code customerId} are kept here instead of being delivered. */
    public void withhold(String customerId) {
        held.putIfAbsent(customerId, new ArrayList<>());
    }

    /**
     * Stops holding {@code customerId}'s events and hands those held to the deliverer (whose fault plan then applies
     * to them as to any other event), in recorded order or newest first.
     *
     * @return the ids of the released events, in the order they were handed over
     */
    public List<String> release(String customerId, boolean newestFirst) {
        List<JsonObject> events = held.remove(customerId);
        if (events == null) {
            return List.of();
        }
        if (newestFirst) {
            Collections.reverse(events);
        }
        List<String> ids = new ArrayList<>();
        for (JsonObject event : events) {
            deliverer.published(event);
            ids.add(event.get("id").getAsString());
        }
        return ids;
    }

    @Override
    public int endpointsFor(String eventType) {
        return deliverer.endpointsFor(eventType);
    }

    @Override
    public void published(JsonObject event) {
        List<JsonObject> holding = held.isEmpty() ? null : held.get(customerOf.apply(event));
        if (holding != null) {
            holding.add(event);
        } else {
            deliverer.published(event);
        }
    }
}

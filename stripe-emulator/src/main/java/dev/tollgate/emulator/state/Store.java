package dev.tollgate.emulator.state;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.stripe.Stripe;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * All Stripe objects of one emulator, keyed by their {@code object} type and id, in creation order, plus the
 * event log. Every read and write happens inside {@link #atomically}, under one reentrant lock: the emulator
 * serves tests, not traffic, and one lock makes multi-object changes trivially consistent.
 *
 * <p>Objects handed out inside {@code atomically} are the live ones; code that lets an object leave the lock
 * (a response, an event) hands out a {@link JsonObject#deepCopy() copy}.
 */
public final class Store {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Map<String, JsonObject>> byType = new HashMap<>();
    private final Map<String, JsonObject> byId = new HashMap<>();
    private final IdGenerator ids;
    private final Clock clock;
    private volatile long advancedSeconds;
    private Long frozenAt;
    private volatile EventSink sink = EventSink.NONE;
    private volatile EventTwins twins = EventTwins.NONE;
    private volatile Runnable entryCheck = () -> { };
    private volatile EventFollower follower = EventFollower.NONE;

    public Store(IdGenerator ids, Clock clock) {
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * A check run before the outermost {@link #atomically} of a thread, outside the lock: the API's strict mode
     * refuses a request there, before it could change anything.
     */
    public void checkBeforeWork(Runnable check) {
        this.entryCheck = check;
    }

    /** Runs {@code work} under the store's lock and returns its result. */
    public <T> T atomically(Supplier<T> work) {
        if (!lock.isHeldByCurrentThread()) {
            entryCheck.run();
        }
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public void connect(EventSink eventSink) {
        this.sink = eventSink;
    }

    /**
     * Tells {@code eventFollower} about each new event, under the lock and right after it is recorded, so that
     * what follows from a change (a customer's entitlements) is recorded next to it.
     */
    public void follow(EventFollower eventFollower) {
        this.follower = eventFollower;
    }

    /** Asks, for each new event, whether a second Event object should record the same change (a fault). */
    public void twinEventsWith(EventTwins eventTwins) {
        this.twins = eventTwins;
    }

    /**
     * Seconds since the epoch (Stripe's {@code created} unit) for the work under way: inside {@link #at} the
     * frozen time of a test clock, otherwise the emulator's own time ({@link #wallNow()}).
     */
    public long now() {
        Long frozen = lock.isHeldByCurrentThread() ? frozenAt : null;
        return frozen != null ? frozen : wallNow();
    }

    /** The emulator's own time: the configured clock moved forward by every {@link #advanceBy}. */
    public long wallNow() {
        return clock.instant().getEpochSecond() + advancedSeconds;
    }

    /** Moves the emulator's own time forward (the Java API's global {@code advance}). */
    public void advanceBy(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("time only moves forward");
        }
        advancedSeconds += seconds;
    }

    /** Runs {@code work} with {@link #now()} fixed at {@code epochSecond} (a test clock's frozen time). */
    public <T> T at(long epochSecond, Supplier<T> work) {
        requireLock();
        Long outer = frozenAt;
        frozenAt = epochSecond;
        try {
            return work.get();
        } finally {
            frozenAt = outer;
        }
    }

    public String newId(String prefix) {
        return ids.next(prefix);
    }

    /** Adds a new object; its {@code object} and {@code id} fields say where it goes. */
    public JsonObject insert(JsonObject object) {
        requireLock();
        String type = Json.string(object, "object");
        String id = Json.string(object, "id");
        byType.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(id, object);
        byId.put(id, object);
        return object;
    }

    /** Forgets an object that Stripe deletes for good rather than marking {@code deleted}. */
    public void remove(String type, String id) {
        requireLock();
        Map<String, JsonObject> objects = byType.get(type);
        if (objects != null && objects.remove(id) != null) {
            byId.remove(id);
        }
    }

    public Optional<JsonObject> find(String type, String id) {
        requireLock();
        Map<String, JsonObject> objects = byType.get(type);
        return Optional.ofNullable(objects == null || id == null ? null : objects.get(id));
    }

    /** Any object by id, whatever its type; used to expand ids into objects. */
    public Optional<JsonObject> findById(String id) {
        requireLock();
        return Optional.ofNullable(byId.get(id));
    }

    /** All objects of a type, oldest first. */
    public List<JsonObject> all(String type) {
        requireLock();
        Map<String, JsonObject> objects = byType.get(type);
        return objects == null ? List.of() : new ArrayList<>(objects.values());
    }

    /**
     * Appends an event whose {@code data.object} is a snapshot of {@code object} as it is now.
     *
     * @param previousAttributes the changed fields' old values, or null when nothing was changed
     */
    public JsonObject recordEvent(String type, JsonObject object, JsonObject previousAttributes) {
        requireLock();
        JsonObject event = newEvent(type, object, previousAttributes);
        if (twins.twin(type)) {
            // Stripe sometimes reports one change as two Event objects: same data, another id.
            JsonObject twin = event.deepCopy();
            twin.addProperty("id", newId("evt"));
            insert(twin);
            sink.published(twin.deepCopy());
        }
        follower.recorded(type, object);
        return event;
    }

    private JsonObject newEvent(String type, JsonObject object, JsonObject previousAttributes) {
        JsonObject data = new JsonObject();
        data.add("object", PublicView.of(object));
        if (previousAttributes != null) {
            data.add("previous_attributes", previousAttributes);
        }
        JsonObject request = new JsonObject();
        request.add("id", JsonNull.INSTANCE);
        request.add("idempotency_key", JsonNull.INSTANCE);

        JsonObject event = new JsonObject();
        event.addProperty("id", newId("evt"));
        event.addProperty("object", "event");
        event.addProperty("api_version", Stripe.API_VERSION);
        // Events carry the emulator's own time even while a test clock runs, as Stripe's do.
        event.addProperty("created", wallNow());
        event.add("data", data);
        event.addProperty("livemode", false);
        event.addProperty("pending_webhooks", sink.endpointsFor(type));
        event.add("request", request);
        event.addProperty("type", type);
        insert(event);
        sink.published(event.deepCopy());
        return event;
    }

    private void requireLock() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("store used outside atomically()");
        }
    }
}

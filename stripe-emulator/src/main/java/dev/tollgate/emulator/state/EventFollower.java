package dev.tollgate.emulator.state;

import com.google.gson.JsonObject;

/**
 * Whoever derives more state from recorded changes — a customer's entitlements follow its subscriptions. Called
 * under the store's lock, once per change (not for a fault's twin event); it may record events of its own.
 */
public interface EventFollower {
    /** An event of {@code type} was just recorded about {@code object} (the live stored object). */
    void recorded(String type, JsonObject object);

    /** Follows nothing. */
    EventFollower NONE = (type, object) -> { };
}

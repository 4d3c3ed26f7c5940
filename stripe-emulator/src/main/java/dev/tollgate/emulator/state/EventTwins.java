package dev.tollgate.emulator.state;

/** Decides whether a change is reported by two Event objects instead of one (a delivery fault). */
@FunctionalInterface
public interface EventTwins {
    /** True when the event about to be recorded gets a twin. Called under the store's lock, in event order. */
    boolean twin(String eventType);

    /** Never: one Event object per change. */
    EventTwins NONE = eventType -> false;
}

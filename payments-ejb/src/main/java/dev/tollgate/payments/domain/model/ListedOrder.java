package dev.tollgate.payments.domain.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which a catch-up found its events: Stripe lists them newest first, also within one second, so the
 * listing tells which of two states of one second came last, which their payloads cannot. Open on the catch-up's
 * thread while it applies events ({@link #open()}); the pipeline asks {@link #current()} before it asks Stripe:
 * <ul>
 *   <li>a state of the stored state's own second ({@link #orders}): newer when the stored one came from an event
 *   listed after it (older), older when from one listed before it; the webhook path, with no listing, asks Stripe
 *   (ARCHITECTURE.md rule 2);</li>
 *   <li>a signal (an invoice, a Checkout) that names a subscription ({@link #stateFollows}): when an event of that
 *   subscription listed before it (so at least as new) carries a state and is passed through the pipeline in this
 *   run, that event brings the state; the signal need not ask for it. Nor when the newest state listed of the
 *   subscription is older than the signal and is the one stored ({@link #showsAsNewest}).</li>
 * </ul>
 * Only events of this run count; one not listed makes the pipeline ask, as without a listing.
 */
public final class ListedOrder {

    private static final ThreadLocal<ListedOrder> OPEN = new ThreadLocal<>();

    /** Each listed event's place: 0 the newest, counting up to older ones. */
    private final Map<String, Integer> places = new HashMap<>();
    /** The states listed per subscription: place and state, in listing order. */
    private final Map<String, List<ListedState>> states = new HashMap<>();
    /** The events this run passes (or passed) through the pipeline. */
    private final Set<String> passed = new HashSet<>();
    private String applying;

    private record ListedState(int place, String eventId, Subscription state) {
    }

    /**
     * Makes this the listing of every event applied on this thread until the returned scope is closed (use
     * try-with-resources; close it on the same thread).
     */
    public Scope open() {
        OPEN.set(this);
        return OPEN::remove;
    }

    /** The listing of the catch-up running on this thread; empty elsewhere (a webhook delivery, a replay). */
    public static Optional<ListedOrder> current() {
        return Optional.ofNullable(OPEN.get());
    }

    /** The next event of the listing, newer ones first; an event listed again (a resumed page) keeps its place. */
    public void listed(StripeEvent event) {
        if (places.containsKey(event.id())) {
            return;
        }
        int place = places.size();
        places.put(event.id(), place);
        event.subscription().ifPresent(state -> states.computeIfAbsent(state.id(), id -> new ArrayList<>())
                .add(new ListedState(place, event.id(), state)));
    }

    /** The event about to pass through the pipeline; it and the ones it names are passed in this run. */
    public void applying(StripeEvent event) {
        applying = event.id();
        passed.add(event.id());
    }

    /** Events this run will pass through the pipeline after the current one (the rest of its page). */
    public void willPass(List<StripeEvent> events) {
        events.forEach(event -> passed.add(event.id()));
    }

    /**
     * Whether {@code reported}, the state the event being applied carries, came after {@code held}, a state of the
     * same second: empty when the listing cannot tell (the held state is no listed event's, or two listed events of
     * different places hold it).
     */
    public Optional<Boolean> orders(Subscription reported, Subscription held) {
        Integer place = placeOfApplying();
        if (place == null) {
            return Optional.empty();
        }
        boolean heldByOlder = false;
        boolean heldByNewer = false;
        for (ListedState listed : states.getOrDefault(reported.id(), List.of())) {
            if (listed.state().equals(held) && listed.place() != place) {
                heldByOlder |= listed.place() > place;
                heldByNewer |= listed.place() < place;
            }
        }
        return heldByOlder == heldByNewer ? Optional.empty() : Optional.of(heldByOlder);
    }

    /**
     * Whether an event listed before the one being applied (so of its second or later) carries a state of
     * {@code subscriptionId} and is passed through the pipeline in this run: that event brings the subscription's
     * state, so the one being applied, a signal, need not ask Stripe for it.
     */
    public boolean stateFollows(String subscriptionId) {
        Integer place = placeOfApplying();
        return place != null && states.getOrDefault(subscriptionId, List.of()).stream()
                .anyMatch(listed -> listed.place() < place && passed.contains(listed.eventId()));
    }

    /**
     * Whether the listing shows {@code held} as the subscription's newest state: the newest state of the subscription
     * listed so far is from an event older than the one being applied, and it is exactly {@code held}. Stripe sends
     * an event of the subscription with every change of it, and the listing holds every such event from its start
     * back to its window's, so nothing changed it between that event and the listing's start: a signal, the event
     * being applied, has nothing to add to {@code held}.
     */
    public boolean showsAsNewest(String subscriptionId, Subscription held) {
        Integer place = placeOfApplying();
        List<ListedState> listed = states.getOrDefault(subscriptionId, List.of());
        return place != null && !listed.isEmpty() && listed.get(0).place() > place
                && listed.get(0).state().equals(held);
    }

    /** The listing's place of the event being applied; null when none is, or it was not listed in this run. */
    private Integer placeOfApplying() {
        return applying == null ? null : places.get(applying);
    }

    /** An open listing; closing it ends it on this thread. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}

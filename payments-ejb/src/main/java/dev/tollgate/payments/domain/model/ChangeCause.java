package dev.tollgate.payments.domain.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;

/**
 * Why an entitlement is being written: the path that triggered it and what it acted on (an event id, a Checkout
 * Session, a refund, an admin). Every trigger opens its cause around its call into the one sync path, and the
 * history row written with the entitlement reads it ({@link #current()}): the sync path itself needs no parameter
 * for it, and a cause opened inside another (an event applied by a reconcile run) is the one recorded.
 */
public record ChangeCause(Source source, String reference) {

    /** Where a change came from, as the history's {@code cause} column holds it. */
    public enum Source {
        /** Stripe delivered an event to the webhook endpoint. */
        WEBHOOK,
        /** A reconcile run: an event its catch-up found, or a drift it healed. */
        RECONCILE,
        /** An admin replayed a logged event. */
        REPLAY,
        /** The user came back from Checkout. */
        RETURN,
        /** A checkout or portal request found the user's state first (a plan held, a customer deleted). */
        CHECKOUT,
        /** An admin in the console: resync, credits granted. */
        CONSOLE,
        /** A refund the console made, applied before its event. */
        REFUND,
        /** The gate asked once more before denying a user whose renewal it had not heard of. */
        RENEWAL_CHECK,
        /** A plan's allowance window started inside a billing period (no event marks it). */
        ALLOWANCE_WINDOW,
        /** A write no trigger named (kept visible rather than guessed). */
        OTHER;

        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The source a stored {@link #dbValue()} names; {@link #OTHER} for one this release does not know. */
        public static Source fromDb(String value) {
            for (Source source : values()) {
                if (source.dbValue().equals(value)) {
                    return source;
                }
            }
            return OTHER;
        }
    }

    /** The cause of a write no trigger named. */
    public static final ChangeCause UNNAMED = new ChangeCause(Source.OTHER, null);

    private static final ThreadLocal<Deque<ChangeCause>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    public ChangeCause {
        Objects.requireNonNull(source, "source");
    }

    public static ChangeCause of(Source source, String reference) {
        return new ChangeCause(source, reference);
    }

    /** An event applied, from where it came ({@link EventSource}). */
    public static ChangeCause event(EventSource source, String eventId) {
        return new ChangeCause(switch (source) {
            case WEBHOOK -> Source.WEBHOOK;
            case RECONCILE -> Source.RECONCILE;
            case REPLAY -> Source.REPLAY;
        }, eventId);
    }

    /**
     * Makes this the cause of every entitlement write on this thread until the returned scope is closed (use
     * try-with-resources; close it on the same thread).
     */
    public Scope open() {
        Deque<ChangeCause> open = OPEN.get();
        open.push(this);
        return () -> {
            open.remove(this);
            if (open.isEmpty()) {
                OPEN.remove();
            }
        };
    }

    /** The innermost cause open on this thread, or {@link #UNNAMED}. */
    public static ChangeCause current() {
        ChangeCause innermost = OPEN.get().peek();
        if (innermost == null) {
            OPEN.remove();
            return UNNAMED;
        }
        return innermost;
    }

    /** An open cause; closing it restores the one open before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}

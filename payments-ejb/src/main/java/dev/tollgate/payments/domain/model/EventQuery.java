package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Optional;

/**
 * Which logged events an admin asks for, newest Stripe event first, one page at a time.
 *
 * @param customerId events whose payload names this Stripe customer
 * @param from Stripe created the event at or after this moment
 * @param to Stripe created the event before this moment
 * @param offset how many matching events to skip
 * @param limit the most events of the page
 */
public record EventQuery(Optional<EventStatus> status, Optional<String> type, Optional<String> customerId,
                         Optional<Instant> from, Optional<Instant> to, int offset, int limit) {

    /** The largest page an admin can ask for. */
    public static final int MAX_LIMIT = 200;

    public EventQuery {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("offset " + offset + " and limit " + limit + " (1-" + MAX_LIMIT + ")");
        }
    }

    /** Every event of one customer, newest first. */
    public static EventQuery ofCustomer(String customerId, int limit) {
        return new EventQuery(Optional.empty(), Optional.empty(), Optional.of(customerId), Optional.empty(),
                Optional.empty(), 0, limit);
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.emulator.delivery.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Whether every event Tollgate acknowledged was kept when it acknowledged it. Stripe never sends an answered event
 * again, so for each delivery the emulator saw answered 2xx the event's {@code webhook_event} row must be processed or
 * ignored with its outcome reached no later than the moment that 2xx came back. A row written after it — by a later
 * catch-up ({@code source=reconcile}) or a later delivery — does not count: it shows the event rescued, not kept.
 *
 * <p>Kept rows are told apart by who wrote them. Written by a webhook delivery ({@code source=webhook}): kept by
 * the delivery. Written by a catch-up before the 2xx: the event was in the log when the delivery came, which was
 * then answered as a duplicate (a catch-up may list an event whose delivery is still queued, retried or withheld);
 * nothing was the delivery's to keep, and nothing was lost.
 *
 * <p>The row's {@code processed_at} is taken from the payments WAR's clock before its commit, and the answer can
 * only leave after the commit, so on the one machine's clock it is earlier than the 2xx's arrival. The only slack
 * is the column's: {@code timestamp with time zone} keeps microseconds, and PostgreSQL and H2 round the clock's
 * nanoseconds to the nearest one, so a row may read up to half a microsecond later than the instant it was given.
 * One microsecond is allowed for that, and nothing else.
 */
final class AcknowledgedEvents {

    private static final Duration COLUMN_ROUNDING = Duration.ofNanos(1_000);
    private static final Set<String> KEPT = Set.of("processed", "ignored");

    /**
     * The verdict on the events answered 2xx at least once ({@code acknowledged}): {@code keptByTheDelivery},
     * {@code loggedBeforeTheDelivery} (by a catch-up) and {@code lost}, each of these with what its row says.
     */
    record Verdict(int acknowledged, int keptByTheDelivery, int loggedBeforeTheDelivery, List<String> lost) {

        static final Verdict NONE = new Verdict(0, 0, 0, List.of());

        /** One line for a report. */
        String summary() {
            return String.format("acknowledged %,d: kept by the delivery %,d, in the log before it (a catch-up) %,d,"
                    + " lost %,d", acknowledged, keptByTheDelivery, loggedBeforeTheDelivery, lost.size());
        }
    }

    private AcknowledgedEvents() {
    }

    static Verdict check(Collection<DeliveryStatus> deliveries, Map<String, Rows.WebhookEvent> log) {
        Map<String, Instant> firstAnswered = new TreeMap<>();
        for (DeliveryStatus delivery : deliveries) {
            if (delivery.state() == DeliveryStatus.State.DELIVERED) {
                // The earliest 2xx of an event is the one its row must already back: a duplicate's later 2xx then
                // holds as well.
                firstAnswered.merge(delivery.eventId(), answeredAt(delivery), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        int byTheDelivery = 0;
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, Instant> answered : firstAnswered.entrySet()) {
            Rows.WebhookEvent row = log.get(answered.getKey());
            String why = whyNotKept(row, answered.getValue());
            if (why != null) {
                lost.add(answered.getKey() + " answered 2xx at " + answered.getValue() + ": " + why);
            } else if ("webhook".equals(row.source())) {
                byTheDelivery++;
            }
        }
        return new Verdict(firstAnswered.size(), byTheDelivery, firstAnswered.size() - byTheDelivery - lost.size(),
                List.copyOf(lost));
    }

    private static Instant answeredAt(DeliveryStatus delivery) {
        if (delivery.answeredAt() == null) {
            throw new IllegalStateException("a delivered delivery without the moment of its answer: " + delivery);
        }
        return delivery.answeredAt();
    }

    /** Null when the row backs a 2xx received at {@code answered}; otherwise what is wrong with it. */
    private static String whyNotKept(Rows.WebhookEvent row, Instant answered) {
        if (row == null) {
            return "no row";
        }
        if (!KEPT.contains(row.status())) {
            return "row " + row.status();
        }
        OffsetDateTime processedAt = row.processedAt();
        if (processedAt == null || processedAt.toInstant().isAfter(answered.plus(COLUMN_ROUNDING))) {
            return "row written by " + row.source() + " at " + processedAt + ", after the 2xx";
        }
        return null;
    }
}

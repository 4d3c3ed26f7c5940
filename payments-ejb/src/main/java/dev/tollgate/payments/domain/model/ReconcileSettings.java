package dev.tollgate.payments.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How reconciliation runs.
 *
 * @param overlap how far before the last checkpoint a catch-up starts listing, for events Stripe created late
 * @param firstCatchUpFrom where the first catch-up starts; empty: as far back as Stripe keeps events (30 days)
 * @param catchUpEvery how often a catch-up is due; zero: never by itself
 * @param driftScanEvery how often a drift scan is due; zero: never by itself
 * @param requestsPerSecond the most Stripe requests per second a run sends
 * @param leaseFor how long a node holds a job without renewing; a crashed node's job is taken over after it
 */
public record ReconcileSettings(Duration overlap, Optional<Instant> firstCatchUpFrom, Duration catchUpEvery,
                                Duration driftScanEvery, double requestsPerSecond, Duration leaseFor) {

    /** Stripe keeps events for 30 days; a listing cannot reach further back. */
    public static final Duration STRIPE_EVENT_RETENTION = Duration.ofDays(30);

    /** The longest Stripe keeps a Checkout open: one opened just before a scan may be paid up to this much later. */
    public static final Duration LONGEST_OPEN_CHECKOUT = Duration.ofHours(24);

    private static final Duration LONGEST_CHECK = Duration.ofSeconds(30);
    private static final Duration SHORTEST_CHECK = Duration.ofSeconds(1);

    /** How often a job is due, zero when it runs only when asked. */
    public Duration every(ReconcileJob job) {
        return job == ReconcileJob.CATCH_UP ? catchUpEvery : driftScanEvery;
    }

    /**
     * How often each node looks whether a job is due: a tenth of the shortest interval, so a job starts at most that
     * much later than due, but at most every 30 s (the defaults' hourly catch-up) and at least every second.
     */
    public Duration checkEvery() {
        Duration tenth = Stream.of(catchUpEvery, driftScanEvery).filter(every -> !every.isZero())
                .min(Comparator.naturalOrder()).map(shortest -> shortest.dividedBy(10)).orElse(LONGEST_CHECK);
        return tenth.compareTo(LONGEST_CHECK) > 0 ? LONGEST_CHECK
                : tenth.compareTo(SHORTEST_CHECK) < 0 ? SHORTEST_CHECK : tenth;
    }

    /**
     * From when a drift scan lists paid Checkouts: the checkpoint (when the last healing scan started) less the
     * longest a Checkout stays open — Stripe lists a Checkout by when it was opened, and one still open at the last
     * scan was not listed as complete — and less the overlap, for the clocks of the nodes and Stripe. The first scan
     * starts where the first catch-up does when configured, else it lists every Checkout Stripe has (empty).
     */
    public Optional<Instant> purchasesFrom(Optional<Instant> checkpoint) {
        return checkpoint.map(point -> point.minus(LONGEST_OPEN_CHECKOUT).minus(overlap)).or(() -> firstCatchUpFrom);
    }

    /** Where a catch-up starts listing: the checkpoint less the overlap, never before Stripe's retention. */
    public Instant listFrom(Optional<Instant> checkpoint, Instant now) {
        Instant oldestKept = now.minus(STRIPE_EVENT_RETENTION);
        Instant from = checkpoint.map(point -> point.minus(overlap)).or(() -> firstCatchUpFrom).orElse(oldestKept);
        return from.isBefore(oldestKept) ? oldestKept : from;
    }
}

package dev.tollgate.gate;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-JVM board of current entitlement versions, one entry per user, each stamped with when it was seen.
 *
 * <p>The payments side calls {@link #publish(String, long)} after a transaction that changed a user's
 * entitlement commits; the gate reads the board on every request and compares with the version of the
 * snapshot in the user's session. An entry older than the gate's staleness bound is not trusted: the gate
 * re-reads the version from the database and writes what it read back here. So a publish makes a change
 * visible at once, and without one (another node, another webapp) it becomes visible within the bound.
 *
 * <p>The board is static per class loader: it is shared by the webapps that load this jar from one place
 * (the container's {@code lib/}); a webapp with its own copy in {@code WEB-INF/lib} has its own board.
 */
public final class EntitlementBoard {

    /** Returned by {@link #freshVersion(String, long)} when the board cannot answer within the bound. */
    static final long UNKNOWN = Long.MIN_VALUE;

    /** Above this many users the board forgets entries that are too old to be trusted anyway. */
    private static final int PRUNE_ABOVE = 50_000;
    private static final long PRUNE_OLDER_THAN_NANOS = 60_000_000_000L;

    private static final ConcurrentMap<String, Sighting> SIGHTINGS = new ConcurrentHashMap<>();

    /**
     * One observation of a user's version: the version and the {@link System#nanoTime()} from which it is known to
     * hold (when its read started, or when it was published).
     */
    private record Sighting(long version, long seenAtNanos) {
    }

    private EntitlementBoard() {
    }

    /**
     * Announces that {@code userId}'s entitlement row now has {@code version}. Call after the commit, never
     * inside the transaction: a gate that read the board before the commit would reload the old row.
     */
    public static void publish(String userId, long version) {
        record(userId, version, System.nanoTime());
    }

    /**
     * The user's current version if the board saw it less than {@code maxAgeNanos} ago, else {@link #UNKNOWN}.
     * Allocates nothing.
     */
    static long freshVersion(String userId, long maxAgeNanos) {
        Sighting sighting = SIGHTINGS.get(userId);
        if (sighting == null || System.nanoTime() - sighting.seenAtNanos >= maxAgeNanos) {
            return UNKNOWN;
        }
        return sighting.version;
    }

    /**
     * Records a version read by a query that started at {@code readStartedNanos} ({@link System#nanoTime()}). The
     * entry ages from then, not from when the answer came: a commit the read did not see happened after it started,
     * so the bound still runs from before that commit, however long the read took.
     *
     * <p>Versions only grow, so a lower one does not replace a higher one that is still on the board (a read that
     * started before a commit may finish after that commit's publish); the higher entry keeps its own time and so
     * ages out normally, should the row really have gone back. The same version keeps the later time.
     */
    static void record(String userId, long version, long readStartedNanos) {
        SIGHTINGS.merge(userId, new Sighting(version, readStartedNanos), EntitlementBoard::newer);
        if (SIGHTINGS.size() > PRUNE_ABOVE) {
            long now = System.nanoTime();
            SIGHTINGS.values().removeIf(sighting -> now - sighting.seenAtNanos > PRUNE_OLDER_THAN_NANOS);
        }
    }

    private static Sighting newer(Sighting old, Sighting seen) {
        if (old.version != seen.version) {
            return old.version > seen.version ? old : seen;
        }
        return seen.seenAtNanos - old.seenAtNanos > 0 ? seen : old;
    }

    /** Forgets every entry (tests; a redeploy of a shared board). */
    static void clear() {
        SIGHTINGS.clear();
    }
}

package dev.tollgate.gate;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * When to ask the payments WAR about a missed renewal: access expired on a status meant to renew, or a subscription
 * whose period was taken back (refund, lost dispute) has reached its renewal, and this webapp
 * has not asked about the user lately (at most every five minutes per user, so a user whose subscription really
 * lapsed waits for the answer once, not on every request).
 */
final class RenewalAsks {

    private static final Set<String> RENEWING_STATUSES = Set.of("active", "trialing", "past_due");
    private static final long MIN_INTERVAL_NANOS = 5 * 60 * 1_000_000_000L;
    private static final int FORGET_ABOVE = 10_000;

    private final ConcurrentMap<String, Long> lastAskedNanos = new ConcurrentHashMap<>();

    /** Whether to ask now; records the ask, so two racing requests ask once. */
    boolean shouldAsk(Entitlement entitlement, long nowMillis) {
        if (!lapsedOnARenewingStatus(entitlement, nowMillis) && !entitlement.hasRenewedBy(nowMillis)) {
            return false;
        }
        long now = System.nanoTime();
        if (lastAskedNanos.size() > FORGET_ABOVE) {
            lastAskedNanos.values().removeIf(asked -> now - asked > MIN_INTERVAL_NANOS);
        }
        Long previous = lastAskedNanos.get(entitlement.getUserId());
        if (previous != null && now - previous < MIN_INTERVAL_NANOS) {
            return false;
        }
        return previous == null
                ? lastAskedNanos.putIfAbsent(entitlement.getUserId(), now) == null
                : lastAskedNanos.replace(entitlement.getUserId(), previous, now);
    }

    private static boolean lapsedOnARenewingStatus(Entitlement entitlement, long nowMillis) {
        return entitlement.getAccessUntil() != null && !entitlement.isActiveAt(nowMillis)
                && RENEWING_STATUSES.contains(entitlement.getStatus());
    }
}

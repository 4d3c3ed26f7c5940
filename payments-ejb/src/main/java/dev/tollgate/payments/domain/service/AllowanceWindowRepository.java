package dev.tollgate.payments.domain.service;

import java.time.Instant;
import java.util.List;

/**
 * When each subscription's next allowance window starts ({@code allowance_window}), so the payments WAR can grant a
 * window that starts inside a billing period, where no event from Stripe marks it. Joins the caller's transaction.
 */
public interface AllowanceWindowRepository {

    /** Records that the subscription's next window starts at {@code nextStart}, replacing what was recorded. */
    void schedule(String subscriptionId, String userId, Instant nextStart);

    /** The subscription has no window left to start (ended, past due, or its period's last window is running). */
    void unschedule(String subscriptionId);

    /**
     * Forgets the user's windows still due at {@code now} after their allowances were settled: those belong to no
     * subscription the user's settle saw, so no settle would ever move them.
     */
    void unscheduleDue(String userId, Instant now);

    /** Users with a window started at or before {@code now} and not yet settled, at most {@code max}. */
    List<String> usersDue(Instant now, int max);
}

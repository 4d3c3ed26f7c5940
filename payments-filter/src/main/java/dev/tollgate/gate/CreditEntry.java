package dev.tollgate.gate;

import java.time.Instant;

/**
 * One line of a user's credit ledger, as {@link Credits#entries} reads it: credits added (a pack bought, a plan's
 * allowance, an admin's grant) or taken (a spend, an allowance expired).
 *
 * @param amount    credits added (positive) or taken (negative)
 * @param reason    why: {@code checkout} (a pack bought), {@code allowance} / {@code allowance_expired} (a plan's
 *                  units), {@code spend} (a {@code credits:N} rule or the app's own spend), or what an admin wrote
 * @param detail    what a spend paid for ({@code GET /api/reports/q3}, the app's key), or null
 * @param createdAt when it was written
 * @param unit      what it counts: {@code credits}, or a unit a plan's allowance gives ({@code reports})
 */
public record CreditEntry(long amount, String reason, String detail, Instant createdAt, String unit) {

    /** A line of credits. */
    public CreditEntry(long amount, String reason, String detail, Instant createdAt) {
        this(amount, reason, detail, createdAt, Credits.CREDITS);
    }
}

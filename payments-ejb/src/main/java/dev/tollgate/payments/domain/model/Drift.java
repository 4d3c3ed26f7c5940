package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A difference between a user's stored entitlement and what the access policy decides from Stripe's current
 * state, found by a drift scan. Once healed it is the fix's audit entry: when, and the version it wrote.
 *
 * @param id empty until stored
 * @param ours the stored entitlement, in words
 * @param stripe what the policy decides from Stripe's state, in words
 * @param reason why they differ, in words an admin can act on
 */
public record Drift(Optional<Long> id, long runId, String userId, Optional<String> customerId, String ours,
                    String stripe, String reason, Instant foundAt, Optional<Instant> healedAt,
                    Optional<Long> healedVersion) {

    /** A difference just found, not healed. */
    public static Drift found(long runId, String userId, Optional<String> customerId, Grant ours, Grant stripe,
                              String reason, Instant now) {
        return found(runId, userId, customerId, describe(ours), describe(stripe), reason, now);
    }

    /** A difference just found, not healed, with both sides already in words (e.g. credits a Checkout sold). */
    public static Drift found(long runId, String userId, Optional<String> customerId, String ours, String stripe,
                              String reason, Instant now) {
        return new Drift(Optional.empty(), runId, userId, customerId, ours, stripe, reason, now, Optional.empty(),
                Optional.empty());
    }

    /** The same difference, healed at {@code now} by writing entitlement version {@code version}. */
    public Drift healed(Instant now, long version) {
        return new Drift(id, runId, userId, customerId, ours, stripe, reason, foundAt, Optional.of(now),
                Optional.of(version));
    }

    public boolean isHealed() {
        return healedAt.isPresent();
    }

    /** A grant in words: status, plan and until when, e.g. {@code active pro until 2026-12-31T00:00:00Z}. */
    public static String describe(Grant grant) {
        return grant.status().stripeName() + (grant.plan() == null ? "" : " " + grant.plan())
                + (grant.accessUntil() == null ? ", no access" : " until " + grant.accessUntil());
    }
}

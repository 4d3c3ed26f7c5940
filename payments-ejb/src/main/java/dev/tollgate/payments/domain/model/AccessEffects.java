package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The access effect of a refund or a dispute, decided by running the {@link AccessPolicy} twice, on the customer's
 * subscriptions and reversals as they are and as they would be, so the console's preview is the policy's own answer
 * and not a guess beside it.
 */
public final class AccessEffects {

    static final String REFUND_SETTING = "PAYMENTS_REVOKE_ON_REFUND";
    static final String DISPUTE_SETTING = "PAYMENTS_REVOKE_ON_LOST_DISPUTE";

    private final AccessPolicy policy;

    public AccessEffects(AccessPolicy policy) {
        this.policy = policy;
    }

    /**
     * What refunding {@code amount} of {@code payment} at {@code now} does to access.
     *
     * @param seen what the events told of each subscription's payments, by subscription id, as the policy uses it
     */
    public AccessEffect ofRefund(List<Subscription> subscriptions, List<ReversalRecord> reversals,
                                 Function<String, PaymentsSeen> seen, Payment payment, long amount, Instant now) {
        if (!grantsAccess(policy.decide(subscriptions, reversals, seen, now), now)) {
            return new AccessEffect(AccessEffect.Change.NONE_TO_LOSE, "No access now: a refund has nothing to take back.");
        }
        Reversal refunded = payment.refundedBy(amount, now);
        boolean after = grantsAccess(policy.decide(subscriptions, merged(reversals, refunded, now), seen, now), now);
        if (!after) {
            return new AccessEffect(AccessEffect.Change.ENDS, "Full refund during the current period: access ends now ("
                    + REFUND_SETTING + "=true).");
        }
        if (!refunded.full()) {
            return new AccessEffect(AccessEffect.Change.UNCHANGED,
                    "Partial refund: access unchanged (only a full refund takes access back).");
        }
        return new AccessEffect(AccessEffect.Change.UNCHANGED, policy.revokesOnFullRefund()
                ? "Full refund: access unchanged (no subscription period that grants access began before it)."
                : "Full refund: access unchanged (" + REFUND_SETTING + "=false).");
    }

    /**
     * What the dispute does to access: for an open one, what losing it now would do; for a lost one, what it did
     * (dated by our record of when it was lost, or now when no report of it has come yet).
     */
    public AccessEffect ofDispute(List<Subscription> subscriptions, List<ReversalRecord> reversals,
                                  Function<String, PaymentsSeen> seen, Dispute dispute, Instant now) {
        if (!dispute.isOpen() && !dispute.isLost()) {
            return new AccessEffect(AccessEffect.Change.UNCHANGED, "Dispute " + dispute.status()
                    + ": access unchanged.");
        }
        if (!policy.revokesOnLostDispute()) {
            return new AccessEffect(AccessEffect.Change.UNCHANGED, (dispute.isLost() ? "Lost" : "Open")
                    + ": access unchanged even when lost (" + DISPUTE_SETTING + "=false).");
        }
        if (dispute.isLost()) {
            List<ReversalRecord> known = reversals.stream().anyMatch(r -> r.reversalId().equals(dispute.id()))
                    ? reversals : merged(reversals, dispute.asReversal("lost", now), now);
            return grantsAccess(policy.decide(subscriptions, known, seen, now), now)
                    ? new AccessEffect(AccessEffect.Change.UNCHANGED,
                            "Lost before the current period: access unchanged.")
                    : new AccessEffect(AccessEffect.Change.ENDS,
                            "Lost: the period it fell in gives no access (" + DISPUTE_SETTING + "=true).");
        }
        if (!grantsAccess(policy.decide(subscriptions, reversals, seen, now), now)) {
            return new AccessEffect(AccessEffect.Change.NONE_TO_LOSE, "No access now: losing it takes nothing back.");
        }
        boolean afterLoss = grantsAccess(policy.decide(subscriptions,
                merged(reversals, dispute.asReversal("lost", now), now), seen, now), now);
        return afterLoss
                ? new AccessEffect(AccessEffect.Change.UNCHANGED, "Open: access unchanged even if lost.")
                : new AccessEffect(AccessEffect.Change.ENDS, "Open: if lost during the current period, access ends"
                        + " then (" + DISPUTE_SETTING + "=true); until then access is unchanged.");
    }

    private static boolean grantsAccess(Grant grant, Instant now) {
        return grant.accessUntil() != null && now.isBefore(grant.accessUntil());
    }

    /** The reversals with {@code reported} taken in, as the webhook handler would record it at {@code at}. */
    private static List<ReversalRecord> merged(List<ReversalRecord> reversals, Reversal reported, Instant at) {
        List<ReversalRecord> merged = new ArrayList<>(reversals.stream()
                .filter(record -> !record.reversalId().equals(reported.id())).toList());
        merged.add(new ReversalRecord(reported, at, at));
        return merged;
    }
}

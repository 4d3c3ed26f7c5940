package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A refund or dispute we know of, kept in its newest reported state, and dated by the moment it took the money
 * back: when the charge became fully refunded, or when the dispute was lost. That moment, not the first report,
 * is what the access policy holds against a subscription's period: a charge refunded partly in one period and in
 * full in the next takes the next period's access, as does a dispute opened before a renewal and lost after it.
 */
public class ReversalRecord extends StripeStateRecord {

    private final String reversalId;
    private final String kind;
    private String chargeId;
    private long amount;
    private boolean fullReversal;
    private Instant tookBackAt;

    public ReversalRecord(Reversal reversal, Instant asOf, Instant now) {
        this(reversal.id(), reversal.kind());
        take(reversal, asOf, now);
    }

    private ReversalRecord(String reversalId, Reversal.Kind kind) {
        this.reversalId = reversalId;
        this.kind = kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A record as it was stored: the reported state it holds, the second of Stripe time it reflects and when we
     * wrote it.
     */
    public static ReversalRecord restored(Reversal held, long stripeAsOf, Instant updatedAt, Instant tookBackAt) {
        ReversalRecord record = new ReversalRecord(held.id(), held.kind());
        record.restoreState(held.customerId(), held.status(), held.created(), stripeAsOf, updatedAt);
        record.holdAmounts(held);
        record.tookBackAt = tookBackAt;
        return record;
    }

    /**
     * Takes the reported state unless we already hold a later one. The state of {@code asOf}'s second that first
     * takes the money back dates the reversal; callers resolve a report of the record's own second with Stripe
     * first ({@link #freshnessOf(Instant)} says {@code SAME_SECOND}), since arrival order says nothing.
     */
    public final void take(Reversal reversal, Instant asOf, Instant now) {
        if (freshnessOf(asOf) == Freshness.OLDER) {
            return;
        }
        boolean tookBackBefore = takesPaymentBack();
        recordState(reversal.customerId(), reversal.status(), reversal.created(), asOf, now);
        holdAmounts(reversal);
        if (!takesPaymentBack()) {
            tookBackAt = null;
        } else if (!tookBackBefore || tookBackAt == null) {
            tookBackAt = Instant.ofEpochSecond(asOf.getEpochSecond());
        }
    }

    private void holdAmounts(Reversal reversal) {
        this.chargeId = reversal.chargeId();
        this.amount = reversal.amount();
        this.fullReversal = reversal.full();
    }

    /** A full refund, or a dispute the merchant lost. */
    public boolean takesPaymentBack() {
        return isRefund() ? fullReversal : "lost".equals(status());
    }

    /**
     * When the money was taken back (the report that made the refund full or the dispute lost); empty while it
     * is not.
     */
    public Optional<Instant> tookBackAt() {
        return takesPaymentBack() ? Optional.ofNullable(tookBackAt) : Optional.empty();
    }

    public boolean isRefund() {
        return "refund".equals(kind);
    }

    /** The reported state this record holds. */
    public Reversal toReversal() {
        return new Reversal(reversalId, isRefund() ? Reversal.Kind.REFUND : Reversal.Kind.DISPUTE, customerId(),
                chargeId, amount, fullReversal, status(), createdAt());
    }

    public String reversalId() { return reversalId; }
}

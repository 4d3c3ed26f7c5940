package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Locale;

/** A refund or dispute we know of, kept in its newest reported state. */
public class ReversalRecord extends StripeStateRecord {

    private final String reversalId;
    private final String kind;
    private String chargeId;
    private long amount;
    private boolean fullReversal;

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
    public static ReversalRecord restored(Reversal held, long stripeAsOf, Instant updatedAt) {
        ReversalRecord record = new ReversalRecord(held.id(), held.kind());
        record.restoreState(held.customerId(), held.status(), held.created(), stripeAsOf, updatedAt);
        record.holdAmounts(held);
        return record;
    }

    /** Takes the reported state unless we already hold a later one. */
    public final void take(Reversal reversal, Instant asOf, Instant now) {
        if (freshnessOf(asOf) == Freshness.OLDER) {
            return;
        }
        recordState(reversal.customerId(), reversal.status(), reversal.created(), asOf, now);
        holdAmounts(reversal);
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

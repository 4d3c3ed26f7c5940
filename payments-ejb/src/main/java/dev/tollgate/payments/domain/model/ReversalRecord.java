package dev.tollgate.payments.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/** A refund or dispute we know of, kept in its newest reported state. */
@Entity
@Table(name = "payment_reversal")
public class ReversalRecord extends StripeStateRecord {

    @Id
    @Column(name = "reversal_id")
    private String reversalId;

    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "charge_id", nullable = false)
    private String chargeId;

    @Column(name = "amount", nullable = false)
    private long amount;

    @Column(name = "full_reversal", nullable = false)
    private boolean fullReversal;

    protected ReversalRecord() {
        // for JPA
    }

    public ReversalRecord(Reversal reversal, Instant asOf, Instant now) {
        this.reversalId = reversal.id();
        this.kind = reversal.kind().name().toLowerCase(Locale.ROOT);
        take(reversal, asOf, now);
    }

    /** Takes the reported state unless we already hold a later one. */
    public final void take(Reversal reversal, Instant asOf, Instant now) {
        if (freshnessOf(asOf) == Freshness.OLDER) {
            return;
        }
        recordState(reversal.customerId(), reversal.status(), reversal.created(), asOf, now);
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

    public String reversalId() { return reversalId; }
}

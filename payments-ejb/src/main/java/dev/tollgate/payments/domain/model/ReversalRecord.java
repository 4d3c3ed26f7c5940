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
public class ReversalRecord {

    @Id
    @Column(name = "reversal_id")
    private String reversalId;

    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "charge_id", nullable = false)
    private String chargeId;

    @Column(name = "amount", nullable = false)
    private long amount;

    @Column(name = "full_reversal", nullable = false)
    private boolean fullReversal;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "stripe_as_of", nullable = false)
    private long stripeAsOf;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ReversalRecord() {
        // for JPA
    }

    public ReversalRecord(Reversal reversal, Instant asOf, Instant now) {
        this.reversalId = reversal.id();
        this.kind = reversal.kind().name().toLowerCase(Locale.ROOT);
        this.createdAt = reversal.created();
        take(reversal, asOf, now);
    }

    /** Takes the reported state unless we already hold a later one. */
    public final void take(Reversal reversal, Instant asOf, Instant now) {
        if (updatedAt != null && asOf.getEpochSecond() < stripeAsOf) {
            return;
        }
        this.customerId = reversal.customerId();
        this.chargeId = reversal.chargeId();
        this.amount = reversal.amount();
        this.fullReversal = reversal.full();
        this.status = reversal.status();
        this.stripeAsOf = asOf.getEpochSecond();
        this.updatedAt = now;
    }

    /** A full refund, or a dispute the merchant lost. */
    public boolean takesPaymentBack() {
        return "refund".equals(kind) ? fullReversal : "lost".equals(status);
    }

    public boolean isRefund() {
        return "refund".equals(kind);
    }

    public Instant createdAt() { return createdAt; }
    public String reversalId() { return reversalId; }
}

package dev.tollgate.payments.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One movement of a user's credits. Append-only; the unique source key (a Checkout Session, a refund) makes
 * every grant happen once however often its trigger arrives.
 */
@Entity
@Table(name = "credit_ledger")
public class CreditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "source_key", nullable = false)
    private String sourceKey;

    @Column(name = "amount", nullable = false)
    private long amount;

    @Column(name = "reason", nullable = false)
    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CreditEntry() {
        // for JPA
    }

    public CreditEntry(String userId, String sourceKey, long amount, String reason, Instant createdAt) {
        this.userId = userId;
        this.sourceKey = sourceKey;
        this.amount = amount;
        this.reason = reason;
        this.createdAt = createdAt;
    }

    public long amount() { return amount; }
    public String sourceKey() { return sourceKey; }
    public String reason() { return reason; }
    public Instant createdAt() { return createdAt; }
}

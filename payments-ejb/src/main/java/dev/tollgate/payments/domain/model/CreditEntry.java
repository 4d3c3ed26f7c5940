package dev.tollgate.payments.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One movement of a user's credits, or of another unit a plan's allowance counts in. Append-only; the unique source
 * key (a paid Checkout, a refund) makes every grant happen once however often its trigger arrives.
 */
@Entity
@Table(name = "credit_ledger")
public class CreditEntry {

    /** The reason the gate's credits:N rules and the apps' own spends record for credits taken. */
    public static final String SPENT = "spend";

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

    /** What the movement counts: {@value Allowance#CREDITS}, or an app's own unit from a plan's allowance. */
    @Column(name = "unit", nullable = false)
    private String unit;

    protected CreditEntry() {
        // for JPA
    }

    /** A movement of credits. */
    public CreditEntry(String userId, String sourceKey, long amount, String reason, Instant createdAt) {
        this(userId, Allowance.CREDITS, sourceKey, amount, reason, createdAt);
    }

    /** A movement of {@code unit}. */
    public CreditEntry(String userId, String unit, String sourceKey, long amount, String reason, Instant createdAt) {
        this.unit = unit;
        this.userId = userId;
        this.sourceKey = sourceKey;
        this.amount = amount;
        this.reason = reason;
        this.createdAt = createdAt;
    }

    /** The ledger's order: a later movement has a higher id (null until stored). */
    public Long id() { return id; }
    public String userId() { return userId; }
    public long amount() { return amount; }
    public String sourceKey() { return sourceKey; }
    public String reason() { return reason; }
    public Instant createdAt() { return createdAt; }
    public String unit() { return unit; }
}

package dev.tollgate.payments.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * Our copy of a Stripe object's state and the moment of Stripe time it reflects ({@code stripe_as_of}, whole
 * seconds like Stripe's own {@code created}). Deliveries are not ordered, so a state is only taken when it is newer
 * than what the record already reflects.
 */
@MappedSuperclass
public abstract class StripeStateRecord {

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "stripe_as_of", nullable = false)
    private long stripeAsOf;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** How a state of the given moment compares with what this record reflects. */
    public Freshness freshnessOf(Instant asOf) {
        return updatedAt == null ? Freshness.NEWER : Freshness.of(asOf, stripeAsOf());
    }

    /** Records the common part of a state taken at {@code asOf}; the creation time is kept from the first one. */
    protected final void recordState(String customer, String newStatus, Instant created, Instant asOf, Instant now) {
        this.customerId = customer;
        this.status = newStatus;
        if (this.createdAt == null) {
            this.createdAt = created;
        }
        this.stripeAsOf = asOf.getEpochSecond();
        this.updatedAt = now;
    }

    protected String customerId() { return customerId; }
    protected String status() { return status; }
    public Instant createdAt() { return createdAt; }
    public Instant stripeAsOf() { return Instant.ofEpochSecond(stripeAsOf); }

    /** Where an incoming state stands relative to the record. */
    public enum Freshness {
        /** Later than the record (or the record is new): take it. */
        NEWER,
        /** Same second: order cannot be told, ask Stripe for the current state. */
        SAME_SECOND,
        /** Earlier than the record: a late or replayed delivery, ignore it. */
        OLDER;

        /** Where a state of the moment {@code asOf} stands against a record that reflects {@code recorded}. */
        public static Freshness of(Instant asOf, Instant recorded) {
            long candidate = asOf.getEpochSecond();
            long held = recorded.getEpochSecond();
            return candidate > held ? NEWER : candidate == held ? SAME_SECOND : OLDER;
        }
    }
}

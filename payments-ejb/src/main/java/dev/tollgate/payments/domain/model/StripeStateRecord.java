package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Optional;

/**
 * Our copy of a Stripe object's state and the moment of Stripe time it reflects ({@code stripe_as_of}, whole
 * seconds like Stripe's own {@code created}). Deliveries are not ordered, so a state is only taken when it is newer
 * than what the record already reflects.
 */
public abstract class StripeStateRecord {

    private String customerId;
    private String status;
    private Instant createdAt;
    private long stripeAsOf;
    private Instant updatedAt;

    /** Restores the common part of a record read back from the database. */
    protected final void restoreState(String customer, String storedStatus, Instant created, long asOfSecond,
                                      Instant updated) {
        this.customerId = customer;
        this.status = storedStatus;
        this.createdAt = created;
        this.stripeAsOf = asOfSecond;
        this.updatedAt = updated;
    }

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

    public String customerId() { return customerId; }
    public String status() { return status; }
    public Instant createdAt() { return createdAt; }
    public Instant stripeAsOf() { return Instant.ofEpochSecond(stripeAsOf); }
    public Instant updatedAt() { return updatedAt; }

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

        /**
         * Whether a record this fresh already reflects what an event says, so the event needs no fetch: it is
         * older, or of the record's own second when that second is enough (an invoice, whose subscription change
         * arrives as its own event too). No record at all is {@link #NEWER}.
         */
        public static boolean covers(Optional<Freshness> eventAgainstRecord, boolean sameSecondIsCovered) {
            Freshness known = eventAgainstRecord.orElse(NEWER);
            return known == OLDER || (sameSecondIsCovered && known == SAME_SECOND);
        }
    }
}

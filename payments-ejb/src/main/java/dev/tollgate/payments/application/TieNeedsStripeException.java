package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.SubscriptionRecord;
import jakarta.ejb.ApplicationException;
import java.time.Instant;

/**
 * An event's subscription state ties with our record (the same second, another state) and only Stripe can tell
 * which came last. Found under the account's lock, which must not be held across a Stripe call: the transaction
 * rolls back, {@link CustomerSync#settlingTiesOutsideTheLock} asks Stripe with no lock held, and the event is
 * applied again with the answer. Declared an application exception so the EJB container hands it over unwrapped.
 */
@ApplicationException(rollback = true)
public class TieNeedsStripeException extends RuntimeException {

    private final transient SubscriptionRecord record;
    private final Instant asOf;

    TieNeedsStripeException(SubscriptionRecord record, Instant asOf) {
        super("the state of " + record.subscriptionId() + " as of " + asOf + " ties with our record", null, false,
                false);
        this.record = record;
        this.asOf = asOf;
    }

    /** Our record as the tie found it under the lock: the answer is taken only while the record is still this. */
    SubscriptionRecord record() {
        return record;
    }

    /** The second of the event's state. */
    Instant asOf() {
        return asOf;
    }
}

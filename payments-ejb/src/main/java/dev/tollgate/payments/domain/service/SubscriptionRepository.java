package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.SubscriptionRecord;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Our copies of Stripe subscriptions; joins the caller's transaction. */
public interface SubscriptionRepository {

    /** Reads the record without locking it. */
    Optional<SubscriptionRecord> find(String subscriptionId);

    /** Reads the record and locks it until the transaction ends. */
    Optional<SubscriptionRecord> findForUpdate(String subscriptionId);

    /**
     * The moment of Stripe time the stored record reflects and whether it knows of a paid invoice, without reading
     * the record: what committed or was flushed, not changes still pending in the transaction, so ask before
     * changing subscriptions in it.
     */
    Optional<SubscriptionRecord.Moment> moment(String subscriptionId);

    List<SubscriptionRecord> ofCustomer(String customerId);

    /** {@link #ofCustomer} for a page of customers at once, in no particular order. */
    List<SubscriptionRecord> ofCustomers(Collection<String> customerIds);

    void add(SubscriptionRecord record);

    /** Writes back a record that took a new state. */
    void update(SubscriptionRecord record);
}

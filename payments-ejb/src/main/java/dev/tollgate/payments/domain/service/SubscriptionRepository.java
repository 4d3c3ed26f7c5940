package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.SubscriptionRecord;
import java.util.List;
import java.util.Optional;

/** Our copies of Stripe subscriptions; joins the caller's transaction. */
public interface SubscriptionRepository {

    /** Reads the record without locking it. */
    Optional<SubscriptionRecord> find(String subscriptionId);

    /** Reads the record and locks it until the transaction ends. */
    Optional<SubscriptionRecord> findForUpdate(String subscriptionId);

    List<SubscriptionRecord> ofCustomer(String customerId);

    void add(SubscriptionRecord record);
}

package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.ReversalRecord;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Refunds and disputes; joins the caller's transaction. */
public interface ReversalRepository {

    Optional<ReversalRecord> find(String reversalId);

    List<ReversalRecord> ofCustomer(String customerId);

    /** {@link #ofCustomer} for a page of customers at once, in no particular order. */
    List<ReversalRecord> ofCustomers(Collection<String> customerIds);

    void add(ReversalRecord record);

    /** Writes back a record that took a new state. */
    void update(ReversalRecord record);
}

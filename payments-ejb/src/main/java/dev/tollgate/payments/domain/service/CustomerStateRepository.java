package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CustomerState;

/**
 * Reads at once what every recompute of an entitlement needs; joins the caller's transaction, which holds the
 * account's lock ({@link AccountRepository#lock}), so the three reads of
 * {@link SubscriptionRepository#ofCustomer}, {@link ReversalRepository#ofCustomer} and
 * {@link EntitlementRepository#find} can be one.
 */
public interface CustomerStateRepository {

    /** The account's customer's records, refunds and disputes, and the user's entitlement. */
    CustomerState of(Account account);
}

package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.FormerCustomer;
import java.util.List;
import java.util.Optional;

/** Accounts; joins the caller's transaction. */
public interface AccountRepository {

    Optional<Account> find(String userId);

    Optional<Account> findByCustomer(String stripeCustomerId);

    /** {@link #findByCustomer} and {@link #lock} in one statement. */
    Optional<Account> findByCustomerForUpdate(String stripeCustomerId);

    /**
     * Adds a new account.
     *
     * @throws AccountAlreadyAddedException when a concurrent transaction added the user's account and committed
     */
    void add(Account account);

    /** Accounts linked to a Stripe customer, by user id, the first {@code limit} after {@code afterUserId}. */
    List<Account> withCustomersAfter(String afterUserId, int limit);

    /**
     * Accounts whose user id or email contains {@code text} (ignoring case), or whose Stripe customer id is
     * {@code text}, by user id, at most {@code limit}.
     */
    List<Account> search(String text, int limit);

    /** Writes back the account's link to its Stripe customer ({@link Account#linkCustomer}). */
    void update(Account account);

    /**
     * Locks the account row until the transaction ends. Every write for a user starts here, so the return page,
     * concurrent webhooks and the gate's re-check of one user queue up instead of racing.
     */
    void lock(Account account);

    /** Keeps a customer the account let go of ({@link Account#unlinkDeletedCustomer}) in the user's history. */
    void addFormerCustomer(FormerCustomer former);

    /** The user's deleted customers, oldest first. */
    List<FormerCustomer> formerCustomers(String userId);

    /** The deleted customer with this id, whoever it paid for; empty for a live or unknown customer. */
    Optional<FormerCustomer> findFormerCustomer(String stripeCustomerId);
}

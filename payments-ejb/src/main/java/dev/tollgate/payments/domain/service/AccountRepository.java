package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.Account;
import java.util.Optional;

/** Accounts; joins the caller's transaction. */
public interface AccountRepository {

    Optional<Account> find(String userId);

    Optional<Account> findByCustomer(String stripeCustomerId);

    void add(Account account);
}

package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.StripeGateway;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * Accounts and on-demand syncs. A real EJB with container-managed transactions on Payara and WildFly; on Tomcat
 * the same class is a CDI bean and {@code @Transactional} gives it the same boundaries.
 */
@Stateless
@Dependent
@Transactional
public class EntitlementService {

    @Inject
    AccountRepository accounts;

    @Inject
    StripeGateway stripe;

    @Inject
    CustomerSync customerSync;

    @Inject
    Clock clock;

    /**
     * The user's account, with a Stripe customer. The customer is created with the idempotency key
     * {@code customer:<user id>}, so a retry after a rollback gets the same customer back, never a second one.
     */
    public Account accountWithCustomer(String userId, String email) {
        Account account = accounts.find(userId).orElseGet(() -> {
            Account fresh = new Account(userId, email, clock.instant());
            accounts.add(fresh);
            return fresh;
        });
        if (!account.hasCustomer()) {
            account.linkCustomer(stripe.createCustomer(userId, email));
            accounts.update(account);
        }
        return account;
    }

    /** Re-reads the user's state from Stripe; empty when nothing changed or the user never checked out. */
    public Optional<EntitlementChanged> syncUser(String userId) {
        return accounts.find(userId).flatMap(customerSync::sync);
    }
}

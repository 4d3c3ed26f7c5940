package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.service.AccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class JpaAccountRepository implements AccountRepository {

    @Inject
    EntityManager em;

    @Override
    public Optional<Account> find(String userId) {
        return Optional.ofNullable(em.find(Account.class, userId));
    }

    @Override
    public Optional<Account> findByCustomer(String stripeCustomerId) {
        return em.createQuery("select a from Account a where a.stripeCustomerId = :customer", Account.class)
                .setParameter("customer", stripeCustomerId)
                .getResultList().stream().findFirst();
    }

    @Override
    public Optional<Account> findByCustomerForUpdate(String stripeCustomerId) {
        // the provider records the lock on the entity, so a later lock(account) sends nothing; a list, not a
        // result stream: the customer id is unique, and Hibernate's streams scroll a cursor, which costs more
        return em.createQuery("select a from Account a where a.stripeCustomerId = :customer", Account.class)
                .setParameter("customer", stripeCustomerId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream().findFirst();
    }

    @Override
    public void add(Account account) {
        em.persist(account);
    }

    @Override
    public void lock(Account account) {
        em.lock(account, LockModeType.PESSIMISTIC_WRITE);
    }
}

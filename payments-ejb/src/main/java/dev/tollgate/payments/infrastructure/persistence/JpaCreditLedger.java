package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.CreditEntry;
import dev.tollgate.payments.domain.service.CreditLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Optional;

/** The credit ledger as JPA entities, on the running transaction's EntityManager. */
@ApplicationScoped
public class JpaCreditLedger implements CreditLedger {

    @Inject
    TransactionEntityManagers entityManagers;

    @Override
    public Optional<CreditEntry> findBySource(String sourceKey) {
        return entityManagers.current()
                .createQuery("select c from CreditEntry c where c.sourceKey = :key", CreditEntry.class)
                .setParameter("key", sourceKey).getResultStream().findFirst();
    }

    @Override
    public java.util.List<CreditEntry> ofUser(String userId, int limit) {
        return entityManagers.current()
                .createQuery("select c from CreditEntry c where c.userId = :user order by c.createdAt desc, c.id desc",
                        CreditEntry.class)
                .setParameter("user", userId).setMaxResults(limit).getResultList();
    }

    @Override
    public java.util.List<CreditEntry> allOfUser(String userId) {
        return entityManagers.current()
                .createQuery("select c from CreditEntry c where c.userId = :user order by c.id", CreditEntry.class)
                .setParameter("user", userId).getResultList();
    }

    @Override
    public Optional<CreditEntry> latest(String userId, String unit, String reason, String keyPrefix) {
        // By user and reason, not by a LIKE on the key: Stripe ids hold '_', LIKE's one-character wildcard.
        return entityManagers.current()
                .createQuery("select c from CreditEntry c where c.userId = :user and c.unit = :unit"
                        + " and c.reason = :reason order by c.id desc", CreditEntry.class)
                .setParameter("user", userId).setParameter("unit", unit).setParameter("reason", reason)
                .getResultStream()
                .filter(entry -> entry.sourceKey().startsWith(keyPrefix)).findFirst();
    }

    @Override
    public long spentAfter(CreditEntry entry) {
        Long taken = entityManagers.current()
                .createQuery("select sum(c.amount) from CreditEntry c where c.userId = :user and c.id > :id"
                        + " and c.unit = :unit and c.reason = :spent", Long.class)
                .setParameter("user", entry.userId()).setParameter("id", entry.id()).setParameter("unit", entry.unit())
                .setParameter("spent", CreditEntry.SPENT).getSingleResult();
        return taken == null ? 0 : -taken;
    }

    @Override
    public long balance(String userId, String unit) {
        Long sum = entityManagers.current()
                .createQuery("select sum(c.amount) from CreditEntry c where c.userId = :user and c.unit = :unit",
                        Long.class)
                .setParameter("user", userId).setParameter("unit", unit).getSingleResult();
        return sum == null ? 0 : sum;
    }

    @Override
    public void add(CreditEntry entry) {
        EntityManager em = entityManagers.current();
        em.persist(entry);
        em.flush();
    }
}

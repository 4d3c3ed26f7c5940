package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.SubscriptionRecord;
import dev.tollgate.payments.domain.service.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaSubscriptionRepository implements SubscriptionRepository {

    @Inject
    EntityManager em;

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public Optional<SubscriptionRecord> find(String subscriptionId) {
        return Optional.ofNullable(em.find(SubscriptionRecord.class, subscriptionId));
    }

    @Override
    public Optional<SubscriptionRecord> findForUpdate(String subscriptionId) {
        return Optional.ofNullable(em.find(SubscriptionRecord.class, subscriptionId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** A plain statement on the transaction's connection: asked for every invoice event, so kept cheap. */
    @Override
    public Optional<Instant> stripeAsOf(String subscriptionId) {
        return jdbc.firstColumn("select stripe_as_of from stripe_subscription where subscription_id = ?",
                subscriptionId, row -> Instant.ofEpochSecond(row.getLong(1)));
    }

    @Override
    public List<SubscriptionRecord> ofCustomer(String customerId) {
        return em.createQuery("select s from SubscriptionRecord s where s.customerId = :customer",
                SubscriptionRecord.class).setParameter("customer", customerId).getResultList();
    }

    @Override
    public void add(SubscriptionRecord record) {
        em.persist(record);
        em.flush();
    }
}

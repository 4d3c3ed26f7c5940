package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.ReversalRecord;
import dev.tollgate.payments.domain.service.ReversalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaReversalRepository implements ReversalRepository {

    @Inject
    EntityManager em;

    @Override
    public Optional<ReversalRecord> find(String reversalId) {
        return Optional.ofNullable(em.find(ReversalRecord.class, reversalId));
    }

    @Override
    public List<ReversalRecord> ofCustomer(String customerId) {
        return em.createQuery("select r from ReversalRecord r where r.customerId = :customer", ReversalRecord.class)
                .setParameter("customer", customerId).getResultList();
    }

    @Override
    public void add(ReversalRecord record) {
        em.persist(record);
        em.flush();
    }
}

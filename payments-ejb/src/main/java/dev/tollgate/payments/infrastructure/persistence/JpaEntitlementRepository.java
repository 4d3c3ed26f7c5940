package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.service.EntitlementRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Optional;

@ApplicationScoped
public class JpaEntitlementRepository implements EntitlementRepository {

    @Inject
    EntityManager em;

    @Override
    public Optional<Entitlement> find(String userId) {
        return Optional.ofNullable(em.find(Entitlement.class, userId));
    }

    @Override
    public void add(Entitlement entitlement) {
        em.persist(entitlement);
        em.flush(); // a concurrent first sync of the same user fails here, inside the transaction
    }
}

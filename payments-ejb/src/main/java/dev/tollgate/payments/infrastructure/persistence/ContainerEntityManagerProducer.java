package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.infrastructure.FullServerOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** On Payara and WildFly the server manages the persistence context and enlists it in the JTA transaction. */
@ApplicationScoped
@FullServerOnly
public class ContainerEntityManagerProducer {

    @Produces
    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;
}

package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.infrastructure.FullServerOnly;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SynchronizationType;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import jakarta.transaction.TransactionScoped;
import java.util.Map;

/**
 * On Payara and WildFly: the persistence unit as a JTA unit on the data source this deployment resolved, and one
 * EntityManager per JTA transaction — what {@code @PersistenceContext} gives, except that the data source is
 * chosen at start ({@code PAYMENTS_DATASOURCE}), which a packaged {@code persistence.xml} cannot do.
 */
@ApplicationScoped
@FullServerOnly
public class ContainerEntityManagerProducer {

    @Inject
    PaymentsRuntime runtime;

    private volatile EntityManagerFactory factory;

    /** Created in the transaction that first needs it, which it joins; closed when that transaction ends. */
    @Produces
    @TransactionScoped
    EntityManager entityManager() {
        EntityManager entityManager = factory().createEntityManager(SynchronizationType.SYNCHRONIZED);
        entityManager.joinTransaction();
        return entityManager;
    }

    void close(@Disposes EntityManager entityManager) {
        entityManager.close();
    }

    private EntityManagerFactory factory() {
        EntityManagerFactory existing = factory;
        if (existing == null) {
            synchronized (this) {
                if (factory == null) {
                    PersistenceProvider provider = PersistenceProviderResolverHolder.getPersistenceProviderResolver()
                            .getPersistenceProviders().get(0);
                    factory = provider.createContainerEntityManagerFactory(new TollgatePersistenceUnit(
                            PersistenceUnitTransactionType.JTA, runtime.dataSource(),
                            TollgatePersistenceUnit.rootFor(provider)), Map.of());
                }
                existing = factory;
            }
        }
        return existing;
    }

    @PreDestroy
    void closeFactory() {
        if (factory != null) {
            factory.close();
        }
    }
}

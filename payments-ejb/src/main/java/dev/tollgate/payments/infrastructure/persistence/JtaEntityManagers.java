package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.infrastructure.FullServerOnly;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SynchronizationType;
import jakarta.persistence.TransactionRequiredException;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;

/**
 * On Payara and WildFly: the persistence unit as a JTA unit on the data source this deployment resolved
 * ({@code PAYMENTS_DATASOURCE}, which a packaged {@code persistence.xml} cannot follow), and one EntityManager per
 * JTA transaction, kept in the transaction's registry and closed when it completes — what a container-managed
 * persistence context does. Not a {@code @TransactionScoped} bean: that scope is passivating, and EclipseLink's
 * EntityManager is not serializable.
 */
@ApplicationScoped
@FullServerOnly
public class JtaEntityManagers implements TransactionEntityManagers {

    /** The key of this deployment's EntityManager in a transaction's registry. */
    private final Object key = new Object();

    @Inject
    PaymentsRuntime runtime;

    @Resource
    TransactionSynchronizationRegistry registry;

    private volatile EntityManagerFactory factory;

    @Override
    public EntityManager current() {
        if (registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new TransactionRequiredException("Tollgate's repositories must be called inside a transaction");
        }
        EntityManager existing = (EntityManager) registry.getResource(key);
        if (existing != null) {
            return existing;
        }
        EntityManager opened = factory().createEntityManager(SynchronizationType.SYNCHRONIZED);
        opened.joinTransaction();
        registry.putResource(key, opened);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // the provider, joined to the transaction, flushes on its own
            }

            @Override
            public void afterCompletion(int status) {
                opened.close();
            }
        });
        return opened;
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

package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.infrastructure.FullServerOnly;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.SynchronizationType;
import jakarta.persistence.TransactionRequiredException;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

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

    private final LazyEntityManagerFactory factory = new LazyEntityManagerFactory(
            PersistenceUnitTransactionType.JTA, () -> runtime.dataSource());

    @Override
    public EntityManager current() {
        if (registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new TransactionRequiredException("Tollgate's repositories must be called inside a transaction");
        }
        EntityManager existing = (EntityManager) registry.getResource(key);
        if (existing != null) {
            return existing;
        }
        EntityManager opened = factory.get().createEntityManager(SynchronizationType.SYNCHRONIZED);
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

    @PreDestroy
    void closeFactory() {
        factory.close();
    }
}

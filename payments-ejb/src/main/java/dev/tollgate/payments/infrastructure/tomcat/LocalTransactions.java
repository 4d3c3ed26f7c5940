package dev.tollgate.payments.infrastructure.tomcat;

import dev.tollgate.payments.application.PaymentsRuntime;
import dev.tollgate.payments.infrastructure.ServletContainerOnly;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.TransactionRequiredException;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One resource-local transaction per thread, with EJB-like rules: the outermost call begins and commits; an
 * unchecked exception rolls back; nested calls join.
 */
@ApplicationScoped
@ServletContainerOnly
public class LocalTransactions {

    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();
    private volatile EntityManagerFactory factory;

    @Inject
    PaymentsRuntime runtime;

    public <T> T required(Callable<T> work) throws Exception {
        if (current.get() != null) {
            return work.call();
        }
        EntityManager em = factory().createEntityManager();
        EntityTransaction tx = em.getTransaction();
        current.set(em);
        try {
            tx.begin();
            T result = work.call();
            tx.commit();
            return result;
        } catch (RuntimeException | Error failure) {
            rollbackQuietly(tx, failure);
            throw failure;
        } catch (Exception checked) {
            tx.commit(); // as with EJB: a checked exception is an answer, not a failure
            throw checked;
        } finally {
            current.remove();
            em.close();
        }
    }

    /** The EntityManager of the transaction running on this thread. */
    EntityManager currentEntityManager() {
        EntityManager em = current.get();
        if (em == null) {
            throw new TransactionRequiredException("Tollgate repositories must be called inside a transaction");
        }
        return em;
    }

    private static void rollbackQuietly(EntityTransaction tx, Throwable failure) {
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    private EntityManagerFactory factory() {
        EntityManagerFactory existing = factory;
        if (existing == null) {
            synchronized (this) {
                if (factory == null) {
                    PersistenceProvider provider = PersistenceProviderResolverHolder.getPersistenceProviderResolver()
                            .getPersistenceProviders().get(0);
                    factory = provider.createContainerEntityManagerFactory(
                            new TomcatPersistenceUnit(runtime.dataSource()), Map.of());
                }
                existing = factory;
            }
        }
        return existing;
    }

    @PreDestroy
    void close() {
        if (factory != null) {
            factory.close();
        }
    }
}

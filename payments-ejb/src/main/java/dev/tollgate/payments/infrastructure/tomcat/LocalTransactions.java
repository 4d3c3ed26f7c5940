package dev.tollgate.payments.infrastructure.tomcat;

import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.infrastructure.ServletContainerOnly;
import dev.tollgate.payments.infrastructure.persistence.TollgateJdbi;
import dev.tollgate.payments.infrastructure.persistence.TollgatePersistenceUnit;
import dev.tollgate.payments.infrastructure.persistence.TransactionEntityManagers;
import dev.tollgate.payments.infrastructure.persistence.TransactionalJdbc;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.TransactionRequiredException;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * One transaction per thread, with EJB-like rules: the outermost call begins and commits; an unchecked exception
 * rolls back; nested calls join. The transaction is a JDBC connection's; an EntityManager is opened on that same
 * connection only when a repository first asks for one, so work that needs only plain statements (most webhook
 * events: the claim and nothing else) never pays for a persistence context.
 */
@ApplicationScoped
@ServletContainerOnly
public class LocalTransactions implements TransactionalJdbc, TransactionEntityManagers {

    private final ThreadLocal<LocalTransaction> current = new ThreadLocal<>();
    private volatile EntityManagerFactory factory;
    /** Handles on the running transaction's connection; closing one leaves the connection to the transaction. */
    private final Jdbi jdbi = TollgateJdbi.configure(Jdbi.create(new ConnectionFactory() {
        @Override
        public Connection openConnection() {
            return running().connection();
        }

        @Override
        public void closeConnection(Connection lent) {
            // the transaction hands it back to the pool when it ends
        }
    }));

    @Inject
    PaymentsRuntime runtime;

    public <T> T required(Callable<T> work) throws Exception {
        if (current.get() != null) {
            return work.call();
        }
        LocalTransaction transaction = LocalTransaction.begin(runtime.dataSource(), this::factory);
        current.set(transaction);
        try {
            T result = work.call();
            transaction.commit();
            return result;
        } catch (RuntimeException | Error failure) {
            transaction.rollbackAfter(failure);
            throw failure;
        } catch (Exception checked) {
            transaction.commit(); // as with EJB: a checked exception is an answer, not a failure
            throw checked;
        } finally {
            current.remove();
            transaction.end();
        }
    }

    @Override
    public boolean noteInCurrentTransaction(Object key) {
        return running().note(key);
    }

    @Override
    public <T> T withHandle(HandleCallback<T, RuntimeException> work) {
        return jdbi.withHandle(work);
    }

    /** The EntityManager of the transaction running on this thread, opened on its connection when first asked for. */
    @Override
    public EntityManager current() {
        return running().entityManager();
    }

    /** What the persistence unit's data source hands the provider: the running transaction's connection, if any. */
    LocalTransaction runningOrNull() {
        return current.get();
    }

    private LocalTransaction running() {
        LocalTransaction transaction = current.get();
        if (transaction == null) {
            throw new TransactionRequiredException("Tollgate repositories must be called inside a transaction");
        }
        return transaction;
    }

    private EntityManagerFactory factory() {
        EntityManagerFactory existing = factory;
        if (existing == null) {
            synchronized (this) {
                if (factory == null) {
                    PersistenceProvider provider = PersistenceProviderResolverHolder.getPersistenceProviderResolver()
                            .getPersistenceProviders().get(0);
                    factory = provider.createContainerEntityManagerFactory(new TollgatePersistenceUnit(
                            PersistenceUnitTransactionType.RESOURCE_LOCAL,
                            new TransactionConnectionDataSource(runtime.dataSource(), this),
                            TollgatePersistenceUnit.rootFor(provider)), Map.of());
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

package dev.tollgate.payments.infrastructure.tomcat;

import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.infrastructure.ServletContainerOnly;
import dev.tollgate.payments.infrastructure.persistence.LazyEntityManagerFactory;
import dev.tollgate.payments.infrastructure.persistence.TollgateJdbi;
import dev.tollgate.payments.infrastructure.persistence.TransactionEntityManagers;
import dev.tollgate.payments.infrastructure.persistence.TransactionalJdbc;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TransactionRequiredException;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.sql.Connection;
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
    /** The unit's data source hands the provider the running transaction's connection. */
    private final LazyEntityManagerFactory factory = new LazyEntityManagerFactory(
            PersistenceUnitTransactionType.RESOURCE_LOCAL,
            () -> new TransactionConnectionDataSource(this.runtime.dataSource(), this));
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
        LocalTransaction transaction = LocalTransaction.begin(runtime.dataSource(), factory::get);
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

    @PreDestroy
    void close() {
        factory.close();
    }
}

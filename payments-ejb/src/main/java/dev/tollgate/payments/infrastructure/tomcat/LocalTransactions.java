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
import java.util.function.Function;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * One transaction per thread, with EJB-like rules: the outermost call begins and commits; an unchecked exception
 * rolls back; nested calls join. The transaction is a JDBC connection's; an EntityManager is opened on that same
 * connection only when a repository first asks for one, so work that needs only plain statements (most webhook
 * events: the claim and nothing else) never pays for a persistence context.
 *
 * <p>Why a class of our own: Tomcat has no transaction manager, so nothing there gives {@code @Transactional} its
 * meaning. A JTA implementation brought in for it (Narayana, whose CDI interceptors implement the annotation) would
 * also need a pool that enlists its connections, and keeps a recovery log on disk, to coordinate one database.
 * Jdbi's own transactions ({@code Jdbi.inTransaction}) begin and end with one callback on a handle of their own:
 * the EntityManager and a second service's statements would not join them. A resource-local EntityManager owning
 * the transaction, with Jdbi on its connection, would cost a persistence context per webhook (docs/design.md,
 * "Transactions").
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

    /**
     * Runs {@code work} in the thread's transaction, beginning one if none runs: it commits when the work returns
     * or throws a checked exception (as on the EJB containers, and {@code @Transactional}'s default: a declared
     * outcome, not a failure), and rolls back on anything unchecked. A nested call that fails unchecked marks the
     * outer transaction for rollback, as an EJB container does, even when the outer work catches the failure. A
     * commit that fails rolls back and is thrown instead of the outcome.
     */
    public <T> T required(Callable<T> work) throws Exception {
        LocalTransaction running = current.get();
        if (running != null && running.isTransaction()) {
            return joined(running, work);
        }
        // none runs, or work without a transaction calls for one: it begins here and ends before that work goes on
        LocalTransaction transaction = LocalTransaction.begin(runtime.dataSource(), factory::get);
        current.set(transaction);
        try {
            T result;
            try {
                result = work.call();
            } catch (RuntimeException | Error failure) {
                transaction.rollbackAfter(failure);
                throw failure;
            } catch (Exception answer) {
                commitOrRollBack(transaction, answer);
                throw answer;
            }
            commitOrRollBack(transaction, null);
            return result;
        } finally {
            resume(running);
            transaction.end();
        }
    }

    /**
     * Runs {@code work} without a transaction ({@code @Transactional(NOT_SUPPORTED)}): a running one is suspended
     * until the work returns, and each statement of the work commits on its own, on one connection lent for the
     * whole work. For work of one write, whose transaction would only cost a second round trip to commit it.
     */
    public <T> T notSupported(Callable<T> work) throws Exception {
        LocalTransaction suspended = current.get();
        LocalTransaction alone = LocalTransaction.withoutTransaction(runtime.dataSource());
        current.set(alone);
        try {
            return work.call();
        } finally {
            resume(suspended);
            alone.end();
        }
    }

    private void resume(LocalTransaction suspended) {
        if (suspended == null) {
            current.remove();
        } else {
            current.set(suspended);
        }
    }

    private static <T> T joined(LocalTransaction running, Callable<T> work) throws Exception {
        try {
            return work.call();
        } catch (RuntimeException | Error failure) {
            running.setRollbackOnly(failure);
            throw failure;
        }
    }

    /** Commits; when that fails, rolls back before the pool gets the connection, and throws the failure. */
    private static void commitOrRollBack(LocalTransaction transaction, Exception answer) {
        try {
            transaction.commit();
        } catch (RuntimeException | Error failure) {
            if (answer != null) {
                failure.addSuppressed(answer);
            }
            transaction.rollbackAfter(failure);
            throw failure;
        }
    }

    @Override
    public boolean noteInCurrentTransaction(Object key) {
        return running().note(key);
    }

    @Override
    public <T> T withHandle(HandleCallback<T, RuntimeException> work) {
        return work.withHandle(running().handle(jdbi));
    }

    /** The transaction's own connection: a webhook whose statements are all plain never opens a Jdbi handle. */
    @Override
    public <T> T withConnection(Function<Connection, T> work) {
        return work.apply(running().connection());
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

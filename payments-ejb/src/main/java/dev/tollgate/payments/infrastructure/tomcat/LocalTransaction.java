package dev.tollgate.payments.infrastructure.tomcat;

import dev.tollgate.payments.infrastructure.persistence.TransactionalJdbc;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TransactionRequiredException;
import jakarta.persistence.RollbackException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One running transaction of {@link LocalTransactions}: a pooled connection with auto-commit off, and the
 * EntityManager opened on it, if one was needed. The EntityManager's resource-local transaction is the
 * connection's, so committing it flushes the entities and commits the plain statements with them. The connection
 * goes back to the pool only in {@link #end()}, after a commit or a rollback: never with work pending, since
 * turning auto-commit back on would commit it.
 */
final class LocalTransaction {

    private final Connection connection;
    private final Supplier<EntityManagerFactory> factory;
    private Connection sharedWithProvider;
    private EntityManager entityManager;
    /** The one Jdbi handle of this transaction, opened by its first plain statement. */
    private Handle handle;
    private final Set<Object> notes = new HashSet<>();
    /** Why this transaction can only roll back: a nested call failed; null while it can commit. */
    private Throwable rollbackOnly;

    /**
     * False for work that runs without a transaction ({@link #withoutTransaction}): each statement commits, and there
     * is no EntityManager nor lock note.
     */
    private final boolean transaction;

    private LocalTransaction(Connection connection, Supplier<EntityManagerFactory> factory, boolean transaction) {
        this.connection = connection;
        this.factory = factory;
        this.transaction = transaction;
    }

    static LocalTransaction begin(DataSource dataSource, Supplier<EntityManagerFactory> factory) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            return new LocalTransaction(connection, factory, true);
        } catch (SQLException failure) {
            closeQuietly(connection, failure);
            throw new PersistenceException("Tollgate cannot begin a transaction on its database", failure);
        }
    }

    /**
     * A pooled connection lent, with auto-commit on as the pool lends it, to work that runs without a transaction:
     * each of its statements commits on its own; no EntityManager, no lock held beyond its statement.
     */
    static LocalTransaction withoutTransaction(DataSource dataSource) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true); // a pool configured to lend it off would leave every write pending
            }
            return new LocalTransaction(connection, null, false); // no factory: entityManager() refuses first
        } catch (SQLException failure) {
            closeQuietly(connection, failure);
            throw new PersistenceException("Tollgate cannot reach its database", failure);
        }
    }

    /** Whether this is a transaction, rather than work that runs without one. */
    boolean isTransaction() {
        return transaction;
    }

    /** The connection this transaction runs on, for its Jdbi handles (see {@link LocalTransactions}). */
    Connection connection() {
        return connection;
    }

    /**
     * This transaction's Jdbi handle on its connection, opened when first asked for and closed in {@link #end()}:
     * one per transaction rather than one per statement, since opening a handle copies Jdbi's configuration.
     */
    Handle handle(Jdbi jdbi) {
        if (handle == null) {
            handle = jdbi.open();
        }
        return handle;
    }

    /** See {@link TransactionalJdbc#noteInCurrentTransaction}. */
    boolean note(Object key) {
        if (!transaction) {
            throw new TransactionRequiredException("Tollgate holds nothing beyond a statement outside a transaction");
        }
        return notes.add(key);
    }

    EntityManager entityManager() {
        if (!transaction) {
            throw new TransactionRequiredException("Tollgate's entities need a transaction");
        }
        if (entityManager == null) {
            EntityManager opened = factory.get().createEntityManager();
            opened.getTransaction().begin();
            entityManager = opened;
        }
        return entityManager;
    }

    /**
     * The connection as the persistence provider gets it: the same one, except that the provider's "close" after
     * its transaction must not hand it back to the pool while this transaction still runs on it; {@link #end()} does.
     * A proxy of our own because nothing else knows when that is: a pool's handle returns the connection on
     * {@code close()}, and the one library proxy that ignores it while a transaction runs (Spring's
     * {@code TransactionAwareDataSourceProxy}) knows only Spring's transactions.
     */
    Connection connectionForProvider() {
        if (sharedWithProvider == null) {
            sharedWithProvider = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "close" -> null;
                        // the handle is itself, not the connection, wherever a provider compares or keeps it
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "toString" -> "the running transaction's " + connection;
                        default -> {
                            try {
                                yield method.invoke(connection, args);
                            } catch (InvocationTargetException failure) {
                                throw failure.getCause();
                            }
                        }
                    });
        }
        return sharedWithProvider;
    }

    /** A nested call failed: whatever the outer work does next, the transaction rolls back. */
    void setRollbackOnly(Throwable cause) {
        if (rollbackOnly == null) {
            rollbackOnly = cause;
        }
    }

    void commit() {
        if (rollbackOnly != null) {
            throw new RollbackException("Tollgate rolled its transaction back: a nested call failed", rollbackOnly);
        }
        if (entityManager != null) {
            entityManager.getTransaction().commit(); // flushes, then commits the connection
            return;
        }
        try {
            connection.commit();
        } catch (SQLException failure) {
            throw new PersistenceException("Tollgate could not commit its transaction", failure);
        }
    }

    void rollbackAfter(Throwable failure) {
        try {
            if (entityManager != null) {
                EntityTransaction transaction = entityManager.getTransaction();
                if (transaction.isActive()) {
                    transaction.rollback();
                }
            }
            connection.rollback();
        } catch (SQLException | RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    /** Closes the EntityManager and hands the connection back to the pool as it was lent: auto-commit on. */
    void end() {
        try {
            if (handle != null) {
                handle.close(); // its connection factory leaves the connection to this transaction
            }
            if (entityManager != null) {
                entityManager.close();
            }
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the pool validates or discards a connection it cannot reset
            }
            closeQuietly(connection, null);
        }
    }

    private static void closeQuietly(Connection connection, Throwable failure) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException closeFailure) {
            if (failure != null) {
                failure.addSuppressed(closeFailure);
            }
        }
    }
}

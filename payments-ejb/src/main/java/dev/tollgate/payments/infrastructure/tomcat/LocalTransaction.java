package dev.tollgate.payments.infrastructure.tomcat;

import dev.tollgate.payments.infrastructure.persistence.TransactionalJdbc;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One running transaction of {@link LocalTransactions}: a pooled connection with auto-commit off, and the
 * EntityManager opened on it, if one was needed. The EntityManager's resource-local transaction is the
 * connection's, so committing it flushes the entities and commits the plain statements with them.
 */
final class LocalTransaction {

    private final Connection connection;
    private final Supplier<EntityManagerFactory> factory;
    private Connection sharedWithProvider;
    private EntityManager entityManager;
    private final Set<Object> notes = new HashSet<>();

    private LocalTransaction(Connection connection, Supplier<EntityManagerFactory> factory) {
        this.connection = connection;
        this.factory = factory;
    }

    static LocalTransaction begin(DataSource dataSource, Supplier<EntityManagerFactory> factory) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            return new LocalTransaction(connection, factory);
        } catch (SQLException failure) {
            closeQuietly(connection, failure);
            throw new PersistenceException("Tollgate cannot begin a transaction on its database", failure);
        }
    }

    /** The connection this transaction runs on, for its Jdbi handles (see {@link LocalTransactions}). */
    Connection connection() {
        return connection;
    }

    /** See {@link TransactionalJdbc#noteInCurrentTransaction}. */
    boolean note(Object key) {
        return notes.add(key);
    }

    EntityManager entityManager() {
        if (entityManager == null) {
            EntityManager opened = factory.get().createEntityManager();
            opened.getTransaction().begin();
            entityManager = opened;
        }
        return entityManager;
    }

    /**
     * The connection as the persistence provider gets it: the same one, except that the provider's "close" after
     * its transaction must not hand it back to the pool while this transaction still runs on it.
     */
    Connection connectionForProvider() {
        if (sharedWithProvider == null) {
            sharedWithProvider = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && method.getParameterCount() == 0) {
                            return null;
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException failure) {
                            throw failure.getCause();
                        }
                    });
        }
        return sharedWithProvider;
    }

    void commit() {
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

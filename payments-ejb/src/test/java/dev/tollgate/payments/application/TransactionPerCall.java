package dev.tollgate.payments.application;

import dev.tollgate.payments.infrastructure.persistence.TollgateJdbi;
import dev.tollgate.payments.infrastructure.persistence.TransactionalJdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * What the container gives a service method, for tests against a real database: {@link #run} is one transaction
 * on a connection of its own, committed when the work returns and rolled back when it throws; statements of the
 * repositories called inside it run on that connection. One per thread, so two threads are two nodes.
 */
final class TransactionPerCall implements TransactionalJdbc {

    private final DataSource database;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private final ThreadLocal<Set<Object>> notes = ThreadLocal.withInitial(HashSet::new);
    private final Jdbi jdbi = TollgateJdbi.configure(Jdbi.create(new ConnectionFactory() {
        @Override
        public Connection openConnection() {
            Connection connection = current.get();
            if (connection == null) {
                throw new IllegalStateException("called outside a transaction");
            }
            return connection;
        }

        @Override
        public void closeConnection(Connection lent) {
            // run() commits and closes it
        }
    }));

    TransactionPerCall(DataSource database) {
        this.database = database;
    }

    <T> T run(Supplier<T> work) {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            current.set(connection);
            try {
                T result = work.get();
                connection.commit();
                return result;
            } catch (RuntimeException failure) {
                connection.rollback();
                throw failure;
            } finally {
                current.remove();
                notes.remove();
            }
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    @Override
    public <T> T withHandle(HandleCallback<T, RuntimeException> work) {
        return jdbi.withHandle(work);
    }

    @Override
    public boolean noteInCurrentTransaction(Object key) {
        return notes.get().add(key);
    }
}

package dev.tollgate.payments.infrastructure.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain JDBC inside the caller's transaction, on the connection the persistence unit writes through in it, so that
 * a statement and the entities' changes commit or roll back together. For the few statements on the webhook path
 * that run for nearly every event, where the persistence provider's per-statement machinery cost more than the
 * statement itself.
 */
public interface TransactionalJdbc {

    <T> T inCurrentTransaction(Work<T> work);

    @FunctionalInterface
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }
}

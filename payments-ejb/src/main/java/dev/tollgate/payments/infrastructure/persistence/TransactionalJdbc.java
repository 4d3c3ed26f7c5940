package dev.tollgate.payments.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Plain JDBC inside the caller's transaction, on the connection the persistence unit writes through in it, so that
 * a statement and the entities' changes commit or roll back together. For the few statements on the webhook path
 * that run for nearly every event, where the persistence provider's per-statement machinery cost more than the
 * statement itself.
 */
public interface TransactionalJdbc {

    <T> T inCurrentTransaction(Work<T> work);

    /** The first column of the row {@code sql} finds by its one parameter, {@code key}; empty when none does. */
    default <T> Optional<T> firstColumn(String sql, String key, Column<T> column) {
        return inCurrentTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, key);
                try (ResultSet found = select.executeQuery()) {
                    return found.next() ? Optional.of(column.read(found)) : Optional.empty();
                }
            }
        });
    }

    @FunctionalInterface
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface Column<T> {
        T read(ResultSet row) throws SQLException;
    }
}

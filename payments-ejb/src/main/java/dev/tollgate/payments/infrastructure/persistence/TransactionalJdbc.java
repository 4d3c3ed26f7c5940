package dev.tollgate.payments.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC inside the caller's transaction, on the connection the persistence unit writes through in it, so that
 * a statement and the entities' changes commit or roll back together. For the webhook path's statements — the
 * event log's claim and the entitlement state — where the persistence provider's per-statement machinery cost more
 * than the statement itself. Instants travel as {@code TIMESTAMP WITH TIME ZONE} in UTC, as
 * {@link InstantAsTimestamp} stores them for the entities.
 */
public interface TransactionalJdbc {

    <T> T inCurrentTransaction(Work<T> work);

    /**
     * Notes {@code key} in the running transaction, for what the transaction holds until it ends (a row lock).
     *
     * @return true the first time, false when this transaction has noted it before
     */
    boolean noteInCurrentTransaction(Object key);

    /** The row {@code sql} finds by its one parameter, {@code key}, read by {@code reader}; empty when none does. */
    default <T> Optional<T> one(String sql, String key, Row<T> reader) {
        List<T> found = list(sql, key, reader);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every row {@code sql} finds by its one parameter, {@code key}, each read by {@code reader}. */
    default <T> List<T> list(String sql, String key, Row<T> reader) {
        return inCurrentTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, key);
                try (ResultSet rows = select.executeQuery()) {
                    List<T> read = new ArrayList<>(1);
                    while (rows.next()) {
                        read.add(reader.read(rows));
                    }
                    return read;
                }
            }
        });
    }

    /** Runs an insert or update with the given parameters in order; answers how many rows it touched. */
    default int execute(String sql, Object... parameters) {
        return inCurrentTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameter(parameters[i]));
                }
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Runs an update of one stored row; a row that is not there is a bug upstream (every caller read it in this
     * transaction), so it fails loudly and the transaction rolls back rather than losing the write.
     */
    default void updateOne(String sql, Object... parameters) {
        int updated = execute(sql, parameters);
        if (updated != 1) {
            throw new IllegalStateException(updated + " rows, not one, for: " + sql);
        }
    }

    /** A value as a statement takes it: an instant as the {@code TIMESTAMP WITH TIME ZONE} it is stored as. */
    static Object parameter(Object value) {
        return value instanceof Instant instant ? InstantAsTimestamp.toColumn(instant) : value;
    }

    /** An instant stored as {@link InstantAsTimestamp} stores it; null for SQL null. */
    static Instant instant(ResultSet row, String column) throws SQLException {
        return InstantAsTimestamp.fromColumn(row.getObject(column, OffsetDateTime.class));
    }

    @FunctionalInterface
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }
}

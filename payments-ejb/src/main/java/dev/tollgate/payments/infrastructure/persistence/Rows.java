package dev.tollgate.payments.infrastructure.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** What the repositories' row readers and write-backs share. */
final class Rows {

    private Rows() {
    }

    /** An instant stored as {@link InstantAsTimestamp} stores it; null for SQL null. */
    static Instant instant(ResultSet row, String column) throws SQLException {
        return InstantAsTimestamp.fromColumn(row.getObject(column, OffsetDateTime.class));
    }

    /**
     * A write-back of one stored row touched {@code updated} rows. Every caller read the row in this transaction,
     * so anything but one is a bug upstream: fail loudly, and the transaction rolls back rather than losing the
     * write.
     */
    static void requireOne(int updated, String table, String key) {
        if (updated != 1) {
            throw new IllegalStateException(updated + " rows, not one, of " + table + " for " + key);
        }
    }
}

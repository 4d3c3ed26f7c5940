package dev.tollgate.payments.infrastructure.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** What the repositories' row readers share. */
final class Rows {

    private Rows() {
    }

    /** An instant stored as {@link InstantAsTimestamp} stores it; null for SQL null. */
    static Instant instant(ResultSet row, String column) throws SQLException {
        return InstantAsTimestamp.fromColumn(row.getObject(column, OffsetDateTime.class));
    }
}

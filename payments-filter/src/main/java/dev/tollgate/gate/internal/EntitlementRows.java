package dev.tollgate.gate.internal;

import dev.tollgate.gate.Entitlement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The gate's reads of the {@code entitlement} row by primary key. The gate never writes this row: the payments
 * module owns it and computes {@code access_until} with its full policy (the gate's only writes are its renewal
 * questions, {@link RenewalQuestions}).
 */
public final class EntitlementRows {

    static final String SELECT_ROW =
            "select plans, features, status, access_until, credits, version, renews_at from entitlement"
                    + " where user_id = ?";
    static final String SELECT_VERSION = "select version from entitlement where user_id = ?";

    private final ConnectionSource connections;

    public EntitlementRows(ConnectionSource connections) {
        this.connections = connections;
    }

    /** The row's version, or {@link Entitlement#NO_ROW}. */
    public long version(String userId) throws SQLException {
        try (Connection connection = connections.open();
             PreparedStatement select = connection.prepareStatement(SELECT_VERSION)) {
            select.setString(1, userId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : Entitlement.NO_ROW;
            }
        }
    }

    /** The whole row as a snapshot; {@link Entitlement#none(String)} when the user has no row. */
    public Entitlement load(String userId) throws SQLException {
        try (Connection connection = connections.open();
             PreparedStatement select = connection.prepareStatement(SELECT_ROW)) {
            select.setString(1, userId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Entitlement.none(userId);
                }
                return Entitlement.of(userId, row.getString(1), row.getString(2), row.getString(3), row.getLong(5),
                        instant(row.getTimestamp(4)), instant(row.getTimestamp(7)), row.getLong(6));
            }
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

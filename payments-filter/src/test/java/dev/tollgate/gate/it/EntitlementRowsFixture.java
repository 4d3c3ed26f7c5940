package dev.tollgate.gate.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Writes {@code entitlement} rows the way the payments module does (every change bumps {@code version}) into a
 * {@link TestDatabase} built from all of payments-ejb's own migrations; closing it drops the database.
 */
public final class EntitlementRowsFixture implements AutoCloseable {

    private final TestDatabase database;
    private final Connection connection;

    /** Takes over {@code database}: closing the fixture closes it. */
    public EntitlementRowsFixture(TestDatabase database) throws SQLException {
        this.database = database;
        this.connection = database.connect();
    }

    public TestDatabase database() {
        return database;
    }

    /** Stores the user's state as one committed change and returns the new version. */
    public long store(String user, String plans, String features, String status, long credits, Instant accessUntil)
            throws SQLException {
        Timestamp until = accessUntil == null ? null : Timestamp.from(accessUntil);
        try (PreparedStatement update = connection.prepareStatement(
                "update entitlement set plan = ?, plans = ?, features = ?, status = ?, access_until = ?, credits = ?,"
                        + " version = version + 1, updated_at = current_timestamp where user_id = ?")) {
            update.setString(1, plans.isEmpty() ? null : plans.split(",")[0]);
            update.setString(2, plans);
            update.setString(3, features);
            update.setString(4, status);
            update.setTimestamp(5, until);
            update.setLong(6, credits);
            update.setString(7, user);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into entitlement (user_id, plan, plans, features, status, access_until, credits, version,"
                                + " updated_at) values (?, ?, ?, ?, ?, ?, ?, 1, current_timestamp)")) {
                    insert.setString(1, user);
                    insert.setString(2, plans.isEmpty() ? null : plans.split(",")[0]);
                    insert.setString(3, plans);
                    insert.setString(4, features);
                    insert.setString(5, status);
                    insert.setTimestamp(6, until);
                    insert.setLong(7, credits);
                    insert.executeUpdate();
                }
            }
        }
        return version(user);
    }

    long credits(String user) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select credits from entitlement where user_id = ?")) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    long version(String user) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select version from entitlement where user_id = ?")) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (database) {
            connection.close();
        }
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * An uncommitted insert of a user's account row, so that every other insert of it waits: two first checkouts of
 * the user then both find no account and both queue on the key, the interleaving that a race would produce only
 * by chance. Closing rolls the insert back; the waiting inserts then meet each other as they would have.
 */
final class AccountKeyHold implements AutoCloseable {

    private final DataSource dataSource;
    private final Connection connection;
    private final DemoDatabase.Kind database;
    private final long session;

    private AccountKeyHold(DataSource dataSource, Connection connection, DemoDatabase.Kind database, long session) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.database = database;
        this.session = session;
    }

    static AccountKeyHold of(DataSource dataSource, DemoDatabase.Kind database, String user) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into account (user_id, created_at) values (?, ?)")) {
                insert.setString(1, user);
                insert.setObject(2, OffsetDateTime.now());
                insert.executeUpdate();
            }
            return new AccountKeyHold(dataSource, connection, database, single(connection,
                    database == DemoDatabase.Kind.H2 ? "select session_id()" : "select pg_backend_pid()"));
        } catch (SQLException | RuntimeException failure) {
            connection.rollback();
            connection.close();
            throw failure;
        }
    }

    /**
     * How many other sessions are waiting for this hold now, read on a connection of its own (PostgreSQL keeps
     * one snapshot of {@code pg_stat_activity} per transaction, so the holding one would not see them arrive).
     * H2 names no blocker for a row it waits on, but shows the insert still running: while the key is held, an
     * insert of an account that is running is one that waits.
     */
    int waiters() throws SQLException {
        String sql = database == DemoDatabase.Kind.H2
                ? "select count(*) from information_schema.sessions where session_id <> " + session
                        + " and lower(executing_statement) like 'insert into account %'"
                : "select count(*) from pg_stat_activity where " + session + " = any(pg_blocking_pids(pid))";
        try (Connection observer = dataSource.getConnection()) {
            return (int) single(observer, sql);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } finally {
            connection.close();
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}

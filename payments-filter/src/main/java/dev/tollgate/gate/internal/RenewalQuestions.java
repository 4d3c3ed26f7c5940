package dev.tollgate.gate.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The gate's side of a renewal re-check, through the shared database so it reaches the payments WAR from any
 * webapp, container or node: open a question in {@code renewal_check} (insert, or re-open the user's answered one;
 * requests of several nodes at once join one row), then watch the user's rows by primary key until the question is
 * answered or the entitlement's version moves, within a bound. The only writes the gate makes.
 */
public final class RenewalQuestions {

    static final String REOPEN = "update renewal_check set requested_at = current_timestamp, claimed_at = null,"
            + " answered_at = null where user_id = ? and answered_at is not null";
    static final String INSERT = "insert into renewal_check (user_id, requested_at) values (?, current_timestamp)";
    static final String WATCH = "select r.answered_at, e.version from renewal_check r"
            + " left join entitlement e on e.user_id = r.user_id where r.user_id = ?";

    private static final String SQLSTATE_UNIQUE_VIOLATION = "23505";
    /** How often the waiting gate looks; the payments side polls every 200 ms. */
    private static final long WATCH_EVERY_MILLIS = 50;

    private final ConnectionSource connections;

    public RenewalQuestions(ConnectionSource connections) {
        this.connections = connections;
    }

    /**
     * Asks the payments side to re-read {@code userId} from Stripe and waits until it answered or the stored
     * version differs from {@code versionBefore}, at most {@code waitMillis}. Returns whether it was answered in
     * time (false: the bound passed; the caller decides on what is stored either way).
     */
    public boolean askAndWait(String userId, long versionBefore, long waitMillis)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        ask(userId);
        while (true) {
            if (isAnswered(userId, versionBefore)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.min(WATCH_EVERY_MILLIS, Math.max(1, left / 1_000_000L)));
        }
    }

    /** Opens the user's question: re-opens an answered one, else inserts it; an open one is joined as it is. */
    void ask(String userId) throws SQLException {
        try (Connection connection = connections.open()) {
            if (update(connection, REOPEN, userId) == 1) {
                return;
            }
            try {
                update(connection, INSERT, userId);
            } catch (SQLException exists) {
                if (!SQLSTATE_UNIQUE_VIOLATION.equals(exists.getSQLState())) {
                    throw exists;
                }
                // Another request or node got there first. Its row is open, or was answered in between: then ask again.
                update(connection, REOPEN, userId);
            }
        }
    }

    private boolean isAnswered(String userId, long versionBefore) throws SQLException {
        try (Connection connection = connections.open();
             PreparedStatement select = connection.prepareStatement(WATCH)) {
            select.setString(1, userId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                boolean answered = row.getObject(1) != null;
                long version = row.getLong(2);
                boolean versionMoved = !row.wasNull() && version != versionBefore;
                return answered || versionMoved;
            }
        }
    }

    /** One statement, committed: the gate's connection may come from a pool that hands it out without auto-commit. */
    private static int update(Connection connection, String sql, String userId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, userId);
            int touched = statement.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return touched;
        } catch (SQLException failed) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            throw failed;
        }
    }
}

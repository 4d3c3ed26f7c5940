package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Asks the database, from a connection of the test's own, whether a user's {@code account} row is free: the row
 * every writer of the user's entitlement locks (the WAR's sync, the gate's credit spends). Used while the WAR waits
 * for Stripe, to show that it does not hold the row across the call.
 */
final class AccountRowProbe {

    /** H2's own default, given back to the pooled connection the probe borrowed. */
    private static final int H2_DEFAULT_LOCK_TIMEOUT_MS = 2000;

    private AccountRowProbe() {
    }

    /** Whether the account's row can be locked within half a second (it cannot while a transaction holds it). */
    static boolean lockableAtOnce(DataSource dataSource, DemoDatabase.Kind database, String user)
            throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try (Statement settings = db.createStatement()) {
                settings.execute(database == DemoDatabase.Kind.H2 ? "set lock_timeout 500"
                        : "set local lock_timeout = '500ms'");
            }
            try (PreparedStatement lock = db.prepareStatement(
                    "select user_id from account where user_id = ? for update")) {
                lock.setString(1, user);
                lock.executeQuery().close();
                return true;
            } catch (SQLException held) {
                return false;
            } finally {
                db.rollback();
                if (database == DemoDatabase.Kind.H2) {
                    try (Statement settings = db.createStatement()) {
                        settings.execute("set lock_timeout " + H2_DEFAULT_LOCK_TIMEOUT_MS); // a pooled connection
                    }
                }
                db.setAutoCommit(true);
            }
        }
    }
}

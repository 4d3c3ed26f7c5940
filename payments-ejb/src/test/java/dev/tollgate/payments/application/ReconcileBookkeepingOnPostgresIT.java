package dev.tollgate.payments.application;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link ReconcileBookkeepingClaims} in a schema of its own in the machine's PostgreSQL (127.0.0.1:5432, database
 * {@code tollgate_payments}, created through the {@code postgres} maintenance database when the server lacks it,
 * user {@code postgres}; {@code -Dit.postgres.url} and {@code -Dit.postgres.user} change them). When
 * the server cannot be reached the test fails and says how to start it: a skipped run would look like a pass.
 */
class ReconcileBookkeepingOnPostgresIT extends ReconcileBookkeepingClaims {

    private static final String URL = System.getProperty("it.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/tollgate_payments");
    /** SQLState of "database already exists" (another process created it first). */
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String USER = System.getProperty("it.postgres.user", "postgres");

    private String schema;

    @Override
    DataSource createDatabase() throws SQLException {
        schema = "reconcile_" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36).toLowerCase(Locale.ROOT);
        try (Connection server = reachServer(); Statement sql = server.createStatement()) {
            sql.execute("create schema " + schema);
        }
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(URL + "?currentSchema=" + schema);
        database.setUser(USER);
        return database;
    }

    @Override
    void dropDatabase() throws SQLException {
        try (Connection server = reachServer(); Statement sql = server.createStatement()) {
            sql.execute("drop schema if exists " + schema + " cascade");
        }
    }

    private static Connection reachServer() {
        try {
            createDatabaseIfMissing();
            return DriverManager.getConnection(URL + "?connectTimeout=5", USER, "");
        } catch (SQLException unreachable) {
            throw new IllegalStateException("PostgreSQL is required by this test and is not reachable at " + URL
                    + " as user " + USER + " (" + unreachable.getMessage() + "). Start it (pg_ctlcluster"
                    + " --skip-systemctl-redirect $(ls /etc/postgresql) main start; .ci/run does) or point"
                    + " -Dit.postgres.url/user at one.", unreachable);
        }
    }

    /** The suite needs nothing prepared: its database is made on the server's {@code postgres} database. */
    private static void createDatabaseIfMissing() throws SQLException {
        String name = URL.substring(URL.lastIndexOf('/') + 1);
        String maintenance = URL.substring(0, URL.lastIndexOf('/') + 1) + "postgres?connectTimeout=5";
        try (Connection server = DriverManager.getConnection(maintenance, USER, "");
             java.sql.PreparedStatement exists = server.prepareStatement(
                     "select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (java.sql.ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            try (Statement create = server.createStatement()) {
                create.execute("create database \"" + name.replace("\"", "\"\"") + "\"");
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }
}

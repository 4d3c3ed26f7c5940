package dev.tollgate.payments.application;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A new, empty database for one test, and its removal: an in-memory H2 database, or a schema of its own in the
 * machine's PostgreSQL (127.0.0.1:5432, database {@code tollgate_payments}, created through the {@code postgres}
 * maintenance database when the server lacks it, user {@code postgres}; {@code -Dit.postgres.url} and
 * {@code -Dit.postgres.user} change them). When PostgreSQL cannot be reached the test fails and says how to start
 * it: a skipped run would look like a pass.
 */
final class ScratchDatabase {

    private static final String URL = System.getProperty("it.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/tollgate_payments");
    /** SQLState of "database already exists" (another process created it first). */
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String USER = System.getProperty("it.postgres.user", "postgres");

    private final DataSource dataSource;
    private final String dropStatement;

    private ScratchDatabase(DataSource dataSource, String dropStatement) {
        this.dataSource = dataSource;
        this.dropStatement = dropStatement;
    }

    static ScratchDatabase h2() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new ScratchDatabase(database, null);
    }

    /** @param prefix the schema's name before its random part, e.g. {@code renewal_} */
    static ScratchDatabase postgres(String prefix) throws SQLException {
        String schema = prefix + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36).toLowerCase(Locale.ROOT);
        try (Connection server = reachServer(); Statement sql = server.createStatement()) {
            sql.execute("create schema " + schema);
        }
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(URL + "?currentSchema=" + schema);
        database.setUser(USER);
        return new ScratchDatabase(database, "drop schema if exists " + schema + " cascade");
    }

    DataSource dataSource() {
        return dataSource;
    }

    void drop() throws SQLException {
        if (dropStatement == null) {
            try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("drop all objects delete files");
            }
            return;
        }
        try (Connection server = reachServer(); Statement sql = server.createStatement()) {
            sql.execute(dropStatement);
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

package dev.tollgate.gate.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A schema of its own, {@code gate_<name>_<random>}, in the machine's PostgreSQL (default {@code 127.0.0.1:5432},
 * database {@code tollgate_gate}, created through the {@code postgres} maintenance database when the server lacks it,
 * user {@code postgres}; {@code -Dgate.postgres.host/port/database/user} change them), created with the payments
 * schema and dropped on close. When the server cannot be reached the test FAILS, with
 * a message saying how to start it: a skipped PostgreSQL run would look like a passed one.
 */
final class PostgresDatabase extends TestDatabase {

    private static final String HOST = System.getProperty("gate.postgres.host", "127.0.0.1");
    private static final String PORT = System.getProperty("gate.postgres.port", "5432");
    private static final String DATABASE = System.getProperty("gate.postgres.database", "tollgate_gate");
    private static final String USER = System.getProperty("gate.postgres.user", "postgres");
    private static final String SERVER_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE;
    private static final String MAINTENANCE_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
    /** SQLState of "database already exists" (another process created it first). */
    private static final String DUPLICATE_DATABASE = "42P04";

    private final String schema;
    private final boolean owned;

    private PostgresDatabase(String schema, boolean owned) {
        this.schema = schema;
        this.owned = owned;
    }

    /** A schema created by another process (e.g. the test that started this node); closing leaves it alone. */
    static PostgresDatabase existing(String schema) {
        return new PostgresDatabase(schema, false);
    }

    /** Creates the schema {@code gate_<name>_<random>} with the payments tables; closing drops it. */
    PostgresDatabase(String name) throws SQLException {
        owned = true;
        schema = ("gate_" + name + "_" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection server = reachServer(); Statement sql = server.createStatement()) {
            sql.execute("create schema " + schema);
        }
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            for (Path script : schemaScripts()) {
                // The driver runs a script of several statements in one call (simple query protocol).
                sql.execute(Files.readString(script));
            }
        } catch (java.io.IOException unreadable) {
            throw new SQLException("cannot read the payments schema", unreadable);
        }
    }

    private static Connection reachServer() {
        try {
            createDatabaseIfMissing();
            return DriverManager.getConnection(SERVER_URL + "?connectTimeout=5", USER, "");
        } catch (SQLException unreachable) {
            throw new IllegalStateException("PostgreSQL is required by this test and is not reachable at "
                    + SERVER_URL + " as user " + USER + " (" + unreachable.getMessage() + "). Start it"
                    + " (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start; .ci/run does)"
                    + " or point -Dgate.postgres.host/port/database/user at one.", unreachable);
        }
    }

    private static void createDatabaseIfMissing() throws SQLException {
        try (Connection maintenance = DriverManager.getConnection(MAINTENANCE_URL + "?connectTimeout=5", USER, "");
             java.sql.PreparedStatement exists = maintenance.prepareStatement(
                     "select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (java.sql.ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            try (Statement create = maintenance.createStatement()) {
                create.execute("create database \"" + DATABASE.replace("\"", "\"\"") + "\"");
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    String schema() {
        return schema;
    }

    @Override
    public String jdbcUrl() {
        return SERVER_URL + "?currentSchema=" + schema;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    String driverClassName() {
        return "org.postgresql.Driver";
    }

    @Override
    String product() {
        return "PostgreSQL";
    }

    @Override
    public void close() throws SQLException {
        if (!owned) {
            return;
        }
        try (Connection server = reachServer(); Statement sql = server.createStatement()) {
            sql.execute("drop schema if exists " + schema + " cascade");
        }
    }
}

package dev.tollgate.demo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.tomcat.dbcp.dbcp2.BasicDataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The demo's one database and its connection pool. The demo opens it itself and hands the same pool to both
 * webapps through JNDI, so only one H2 engine ever has the file open (the payments WAR bundles its own H2 for
 * standalone use; here it never opens the file). Tests can choose the machine's PostgreSQL instead: each run then
 * gets a schema of its own, dropped at close.
 */
public final class DemoDatabase implements AutoCloseable {

    /** The databases the demo can run on. */
    public enum Kind {
        /** An H2 file in the data folder (the default, and all the command line offers). */
        H2,
        /** The local PostgreSQL server: {@value #POSTGRES_URL}, user {@value #POSTGRES_USER}, a fresh schema. */
        POSTGRESQL
    }

    /** File name stem: the H2 database lives in {@code <data dir>/tollgate.mv.db}. */
    static final String NAME = "tollgate";
    private static final String USER = "sa";
    private static final String PASSWORD = "";

    /**
     * Where tests find PostgreSQL; {@code tollgate.demo.postgresUrl} / {@code .postgresUser} override. The database
     * is created (through the server's {@code postgres} maintenance database) when it does not exist yet, so a
     * fresh server needs nothing prepared.
     */
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/tollgate_demo";
    static final String POSTGRES_USER = "postgres";
    /** Enough for a burst of parallel deliveries: Tomcat serves up to 200 at once, the rest wait for a connection. */
    private static final int POOL_SIZE = 40;

    private final String description;
    private final String jdbcUrl;
    private final String user;
    private final DataSource dataSource;
    private final Runnable closer;

    private DemoDatabase(String description, String jdbcUrl, String user, DataSource dataSource, Runnable closer) {
        this.description = description;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.dataSource = dataSource;
        this.closer = closer;
    }

    static DemoDatabase openEmpty(Kind kind, Path dataDir) throws SQLException {
        return kind == Kind.POSTGRESQL ? openFreshPostgresSchema() : openEmpty(dataDir);
    }

    /**
     * Opens the H2 database in {@code dataDir} and empties it. The emulator keeps its customers and subscriptions
     * in memory only, so rows left from an earlier run would point at Stripe objects that no longer exist.
     *
     * @throws SQLException when the file is held by another running demo, among other things
     */
    static DemoDatabase openEmpty(Path dataDir) throws SQLException {
        Path file = dataDir.toAbsolutePath().resolve(NAME);
        // DB_CLOSE_DELAY=-1: the database stays open while the pool is between connections. DB_CLOSE_ON_EXIT=FALSE:
        // H2's own shutdown hook would close it under the still-running webapps; the demo's close() shuts it
        // after they have stopped.
        String url = "jdbc:h2:file:" + file + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, USER, PASSWORD);
        pool.setMaxConnections(POOL_SIZE);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop all objects");
        } catch (SQLException e) {
            pool.dispose();
            throw e;
        }
        return new DemoDatabase("H2 file " + file.resolveSibling(NAME + ".mv.db"), url, USER, pool,
                () -> shutdownH2(pool, url));
    }

    /**
     * Creates a schema of its own on the local PostgreSQL and pools connections whose search path is that
     * schema, so the payments WAR's migrations and the tests' reads land there and nowhere else.
     *
     * Public for tests that run several payments nodes on one schema ({@link #jdbcUrl()}); close it after them.
     *
     * @throws SQLException naming the server when PostgreSQL cannot be reached: a test that asked for it must
     *                      not quietly run on something else
     */
    public static DemoDatabase openFreshPostgresSchema() throws SQLException {
        String url = System.getProperty("tollgate.demo.postgresUrl", POSTGRES_URL);
        String user = System.getProperty("tollgate.demo.postgresUser", POSTGRES_USER);
        String schema = "tollgate_demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try {
            PostgresDatabases.createIfMissing(url, user);
        } catch (SQLException unreachable) {
            throw new SQLException("PostgreSQL at " + url + " (user " + user + ") is not usable: "
                    + unreachable.getMessage(), unreachable);
        }
        try (Connection admin = DriverManager.getConnection(url, user, "");
             Statement statement = admin.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (SQLException unreachable) {
            throw new SQLException("PostgreSQL at " + url + " (user " + user + ") is not usable: "
                    + unreachable.getMessage(), unreachable);
        }
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        BasicDataSource pool = new BasicDataSource();
        pool.setDriverClassName("org.postgresql.Driver");
        pool.setUrl(schemaUrl);
        pool.setUsername(user);
        pool.setPassword("");
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        pool.setDefaultAutoCommit(true);
        return new DemoDatabase("PostgreSQL " + url + ", schema " + schema, schemaUrl, user, pool,
                () -> dropPostgresSchema(pool, url, user, schema));
    }

    /** The pool both webapps get through JNDI, and tests read from. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The JDBC URL that reaches this database (for PostgreSQL: its schema), for a pool of another process. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user {@link #jdbcUrl()} is reached as (no password). */
    public String user() {
        return user;
    }

    /** Where the data lives, for the banner. */
    String description() {
        return description;
    }

    /** Closes the pool and the database (H2) or drops the run's schema (PostgreSQL). */
    @Override
    public void close() {
        closer.run();
    }

    private static void shutdownH2(JdbcConnectionPool pool, String url) {
        // The pool's connections go first; a pooled connection closed after SHUTDOWN would log a failed rollback.
        pool.dispose();
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("shutdown");
        } catch (SQLException e) {
            // Closing is best effort: H2 recovers a file that was not shut down at its next open.
            System.err.println("Could not shut the demo database down cleanly: " + e.getMessage());
        }
    }

    private static void dropPostgresSchema(BasicDataSource pool, String url, String user, String schema) {
        try {
            pool.close();
        } catch (SQLException e) {
            System.err.println("Could not close the PostgreSQL pool: " + e.getMessage());
        }
        try (Connection admin = DriverManager.getConnection(url, user, "");
             Statement statement = admin.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            System.err.println("Could not drop the demo schema " + schema + ": " + e.getMessage());
        }
    }
}

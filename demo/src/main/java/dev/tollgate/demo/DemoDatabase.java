package dev.tollgate.demo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The demo's one H2 file database and its connection pool. The demo opens it itself and hands the same pool to
 * both webapps through JNDI, so only one H2 engine ever has the file open (the payments WAR bundles its own H2
 * for standalone use; here it never opens the file).
 */
final class DemoDatabase implements AutoCloseable {

    /** File name stem: the database lives in {@code <data dir>/tollgate.mv.db}. */
    static final String NAME = "tollgate";
    private static final String USER = "sa";
    private static final String PASSWORD = "";

    private final Path file;
    private final String url;
    private final JdbcConnectionPool pool;

    private DemoDatabase(Path file, String url, JdbcConnectionPool pool) {
        this.file = file;
        this.url = url;
        this.pool = pool;
    }

    /**
     * Opens the database in {@code dataDir} and empties it. The emulator keeps its customers and subscriptions
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
        pool.setMaxConnections(20);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop all objects");
        } catch (SQLException e) {
            pool.dispose();
            throw e;
        }
        return new DemoDatabase(file, url, pool);
    }

    DataSource dataSource() {
        return pool;
    }

    /** The database file, for the banner. */
    Path file() {
        return file.resolveSibling(NAME + ".mv.db");
    }

    /** Closes the database cleanly so the next start finds a consistent file. */
    @Override
    public void close() {
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
}

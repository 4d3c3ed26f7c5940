package dev.tollgate.payments.infrastructure.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The zero-configuration database of the Tomcat flavour: an H2 file in the data folder. {@code AUTO_SERVER}
 * lets a second process (or a second webapp with its own H2 copy, such as the gate) open the same file.
 * Referenced only on Tomcat, where H2 is bundled.
 *
 * <p>Two H2 defaults do not suit a payments log, and the URL and the JVM's settings change them:
 * <ul>
 * <li>{@code WRITE_DELAY=0}: H2 2.x keeps committed changes in memory and its background writer stores them up
 * to {@code WRITE_DELAY} (default 500 ms) later, so a process killed meanwhile loses commits that were already
 * acknowledged. With 0, every commit that changed something stores its changes in the file before the commit
 * returns (H2's {@code TransactionStore.endTransaction}). That survives a killed process; it does not force the
 * operating system to write its cache to the disk, so a power loss can still take the last commits (use
 * PostgreSQL for that). H2 runs the setting on every connection, so it holds even when another process opened
 * the file first.</li>
 * <li>{@code h2.bindAddress}: the auto-server's TCP port is opened on every interface unless this JVM-wide system
 * property names one. Set to the loopback address here, unless the JVM already sets it, before H2 first reads
 * it; the gate in another webapp of the same Tomcat reaches the port through loopback.</li>
 * </ul>
 */
final class EmbeddedH2 {

    private static final Logger LOG = Logger.getLogger(EmbeddedH2.class.getName());

    /** H2's system property for the address its servers listen on (H2's {@code SysProperties.BIND_ADDRESS}). */
    static final String BIND_ADDRESS_PROPERTY = "h2.bindAddress";

    static final String LOOPBACK = "127.0.0.1";

    private EmbeddedH2() {
    }

    static DataSource open(Path dataDir) {
        if (System.getProperty(BIND_ADDRESS_PROPERTY) == null) {
            System.setProperty(BIND_ADDRESS_PROPERTY, LOOPBACK);
        }
        return JdbcConnectionPool.create(url(dataDir), "sa", "");
    }

    static String url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("tollgate") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    /**
     * Closes a pool this class opened, so an undeployed WAR leaves no connection (and no class loader) behind and
     * a redeploy can open the file again.
     */
    static void close(DataSource dataSource) {
        if (dataSource instanceof JdbcConnectionPool pool) {
            closeDatabase(pool);
            pool.dispose();
        }
    }

    /**
     * Closes the database for every session, the gate's remote ones too. Otherwise a gate's open connection keeps
     * the database open inside this webapp's copy of H2, whose classes are gone once the webapp has stopped, and
     * the next deployment of the WAR reaches that dead copy through the auto-server port and cannot start. A gate
     * whose pool validates its connections (README) simply opens the file again.
     */
    private static void closeDatabase(JdbcConnectionPool pool) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException | IllegalStateException alreadyClosed) {
            LOG.fine(() -> "The embedded H2 database was already closed: " + alreadyClosed.getMessage());
        }
    }
}

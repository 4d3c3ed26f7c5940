package dev.tollgate.payments.infrastructure.persistence;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The zero-configuration database of the Tomcat flavour: an H2 file in the data folder. {@code AUTO_SERVER}
 * lets a second process (or a second webapp with its own H2 copy, such as the gate) open the same file.
 * Referenced only on Tomcat, where H2 is bundled.
 */
final class EmbeddedH2 {

    private EmbeddedH2() {
    }

    static DataSource open(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("tollgate") + ";AUTO_SERVER=TRUE";
        return JdbcConnectionPool.create(url, "sa", "");
    }

    /**
     * Closes a pool this class opened, so an undeployed WAR leaves no connection (and no class loader) behind and
     * a redeploy can open the file again.
     */
    static void close(DataSource dataSource) {
        if (dataSource instanceof JdbcConnectionPool pool) {
            pool.dispose();
        }
    }
}

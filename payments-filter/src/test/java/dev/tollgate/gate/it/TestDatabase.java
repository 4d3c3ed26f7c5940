package dev.tollgate.gate.it;

import org.apache.tomcat.util.descriptor.web.ContextResource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A database holding the payments schema for one test class, created when opened and dropped when closed, so
 * runs never see each other's rows: H2 in memory, or a schema of its own in the machine's PostgreSQL.
 */
abstract class TestDatabase implements AutoCloseable {

    /** The schema of payments-ejb (V1 creates {@code entitlement}, the only table the gate reads). */
    static Path schemaScript() {
        return Path.of(System.getProperty("gate.schema")).toAbsolutePath();
    }

    /** The JDBC URL a webapp would use for this database ({@code PAYMENTS_JDBC_URL}). */
    abstract String jdbcUrl();

    abstract String user();

    /** For the test's own writes. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), "");
    }

    /** The JDBC driver's class, for the pool. */
    abstract String driverClassName();

    /**
     * Makes {@code resource} a pooled DataSource of this database, as a server admin declares one in Tomcat's
     * {@code context.xml} (Tomcat's DBCP, the manual's example): the gate takes a connection for every re-read,
     * and opening one per read would be what is measured instead of the gate.
     */
    void describe(ContextResource resource) {
        resource.setType("javax.sql.DataSource");
        resource.setProperty("factory", "org.apache.tomcat.dbcp.dbcp2.BasicDataSourceFactory");
        resource.setProperty("driverClassName", driverClassName());
        resource.setProperty("url", jdbcUrl());
        resource.setProperty("username", user());
        resource.setProperty("password", "");
        resource.setProperty("maxTotal", "8");
        resource.setProperty("maxWaitMillis", "5000");
        resource.setCloseMethod("close");
    }

    /** "H2" or "PostgreSQL", for messages and printed figures. */
    abstract String product();

    @Override
    public abstract void close() throws SQLException;
}

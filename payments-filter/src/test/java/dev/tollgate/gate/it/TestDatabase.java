package dev.tollgate.gate.it;

import org.apache.tomcat.util.descriptor.web.ContextResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A database holding the payments schema for one test class, created when opened and dropped when closed, so
 * runs never see each other's rows: H2 in memory, or a schema of its own in the machine's PostgreSQL.
 */
public abstract class TestDatabase implements AutoCloseable {

    /**
     * The payments schema as Flyway builds it: every {@code V<n>__*.sql} of payments-ejb in version order (V1
     * creates {@code entitlement}, which the gate reads; V5 {@code renewal_check}, which it writes).
     */
    static List<Path> schemaScripts() {
        Path folder = Path.of(System.getProperty("gate.migrations")).toAbsolutePath();
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> scripts = files.filter(file -> VERSIONED.matcher(file.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(TestDatabase::version)).toList();
            if (scripts.isEmpty()) {
                throw new IllegalStateException("no V<n>__*.sql migration in " + folder);
            }
            return scripts;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    private static int version(Path script) {
        Matcher match = VERSIONED.matcher(script.getFileName().toString());
        match.matches();
        return Integer.parseInt(match.group(1));
    }

    /** The JDBC URL a webapp would use for this database ({@code PAYMENTS_JDBC_URL}). */
    public abstract String jdbcUrl();

    public abstract String user();

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

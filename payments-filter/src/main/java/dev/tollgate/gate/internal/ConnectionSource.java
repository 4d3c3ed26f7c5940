package dev.tollgate.gate.internal;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where the gate gets a JDBC connection: a container DataSource found in JNDI, or a plain JDBC URL. */
@FunctionalInterface
public interface ConnectionSource {

    /** A connection the caller closes. */
    Connection open() throws SQLException;

    /**
     * Connections from {@link DriverManager}: no pool, one connection per read. Meant for development and for
     * servers without a configured DataSource; the reads are rare (one per user per staleness bound).
     */
    static ConnectionSource driverManager(String url, String user, String password) {
        return () -> user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    /**
     * The DataSource bound at {@code name}; a name without a {@code java:} scheme is also tried under
     * {@code java:comp/env/}, so {@code jdbc/tollgate} works as a resource-ref name.
     *
     * @throws NamingException when nothing usable is bound there
     */
    static ConnectionSource jndi(String name) throws NamingException {
        InitialContext naming = new InitialContext();
        Object bound;
        try {
            bound = naming.lookup(name);
        } catch (NamingException notThere) {
            if (name.startsWith("java:")) {
                throw notThere;
            }
            bound = naming.lookup("java:comp/env/" + name);
        }
        if (!(bound instanceof DataSource)) {
            throw new NamingException("'" + name + "' is bound to " + (bound == null ? "nothing" : bound.getClass().getName())
                    + ", not a javax.sql.DataSource");
        }
        DataSource dataSource = (DataSource) bound;
        return dataSource::getConnection;
    }
}

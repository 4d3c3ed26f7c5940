package dev.tollgate.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A JDBC connection to the very database the deployed WAR uses, chosen as the build chose it: {@code -Dit.database}
 * is {@code h2} (the container's H2 file, opened through H2's AUTO_SERVER so both processes can use it) or
 * {@code postgresql} (the run's own database on the machine's server). Failsafe sets the per-container details.
 */
final class ServerDatabase {

    private ServerDatabase() {
    }

    /** Which database the suite runs on: {@code h2} or {@code postgresql}. */
    static String kind() {
        return System.getProperty("it.database", "h2");
    }

    /** A new connection in auto-commit mode; the caller closes it. */
    static Connection connect() throws SQLException {
        return switch (kind()) {
            case "h2" -> DriverManager.getConnection(required("it.h2.url"),
                    System.getProperty("it.h2.user", ""), System.getProperty("it.h2.password", ""));
            case "postgresql" -> DriverManager.getConnection("jdbc:postgresql://"
                    + System.getProperty("it.postgres.host", "127.0.0.1") + ":"
                    + System.getProperty("it.postgres.port", "5432") + "/" + required("it.postgres.database"),
                    System.getProperty("it.postgres.user", "postgres"), "");
            default -> throw new IllegalStateException("it.database must be h2 or postgresql, not " + kind());
        };
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("failsafe must set " + property + " for this container");
        }
        return value;
    }
}

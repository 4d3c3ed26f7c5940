package dev.tollgate.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates a PostgreSQL database that a run needs and the server does not have yet, through the server's
 * {@code postgres} maintenance database (which every PostgreSQL server has), so tests never depend on a database
 * someone prepared by hand.
 */
final class PostgresDatabases {

    /** SQLState of "database already exists": another process created it first, which is just as good. */
    private static final String DUPLICATE_DATABASE = "42P04";

    private PostgresDatabases() {
    }

    /**
     * Makes sure the database named by {@code url} ({@code jdbc:postgresql://host:port/name[?params]}) exists.
     *
     * @throws SQLException when the server cannot be reached or refuses to create it
     */
    static void createIfMissing(String url, String user) throws SQLException {
        String name = databaseName(url);
        try (Connection maintenance = DriverManager.getConnection(onDatabase(url, "postgres"), user, "")) {
            try (PreparedStatement exists = maintenance.prepareStatement(
                    "select 1 from pg_database where datname = ?")) {
                exists.setString(1, name);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        return;
                    }
                }
            }
            try (Statement create = maintenance.createStatement()) {
                create.execute("create database \"" + name.replace("\"", "\"\"") + "\"");
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    static String databaseName(String url) {
        String path = url.substring(url.indexOf("//") + 2);
        int slash = path.indexOf('/');
        if (slash < 0 || slash == path.length() - 1) {
            throw new IllegalArgumentException("no database name in " + url);
        }
        String name = path.substring(slash + 1);
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }

    /** The same server URL, parameters kept, on another database. */
    static String onDatabase(String url, String database) {
        String name = databaseName(url);
        int start = url.indexOf('/', url.indexOf("//") + 2) + 1;
        return url.substring(0, start) + database + url.substring(start + name.length());
    }
}

package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** On the machine's PostgreSQL: a database the demo needs is created when the server lacks it. */
class PostgresDatabasesIT {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @Test
    void aMissingDatabaseIsCreatedAndAnExistingOneIsLeftAlone() throws Exception {
        String name = "tollgate_missing_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        try {
            PostgresDatabases.createIfMissing(SERVER + name, "postgres");
            try (Connection created = DriverManager.getConnection(SERVER + name, "postgres", "")) {
                assertTrue(created.isValid(5), "a connection to the created database " + name);
            }
            assertDoesNotThrow(() -> PostgresDatabases.createIfMissing(SERVER + name, "postgres"));
        } finally {
            try (Connection maintenance = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                 Statement sql = maintenance.createStatement()) {
                sql.execute("drop database if exists " + name + " with (force)");
            }
        }
    }
}

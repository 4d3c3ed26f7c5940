package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PostgresDatabasesTest {

    @Test
    void theDatabaseNameIsThePathOfTheUrl() {
        assertEquals("tollgate_demo", PostgresDatabases.databaseName("jdbc:postgresql://127.0.0.1:5432/tollgate_demo"));
        assertEquals("shop", PostgresDatabases.databaseName("jdbc:postgresql://db:5432/shop?sslmode=disable"));
    }

    @Test
    void theMaintenanceUrlKeepsServerAndParameters() {
        assertEquals("jdbc:postgresql://db:5432/postgres?sslmode=disable",
                PostgresDatabases.onDatabase("jdbc:postgresql://db:5432/shop?sslmode=disable", "postgres"));
    }

    @Test
    void aUrlWithoutADatabaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PostgresDatabases.databaseName("jdbc:postgresql://db:5432/"));
    }
}

package dev.tollgate.payments.application;

import dev.tollgate.payments.infrastructure.persistence.SchemaMigration;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Claims proved against Flyway's schema on a real database: a new, empty database (or schema) for each test,
 * migrated before it and dropped after it. The subclasses pick the database.
 */
abstract class MigratedDatabaseClaims {

    private ScratchDatabase scratch;
    /** One transaction per call on the test's database, as a container-managed service method has. */
    TransactionPerCall transactions;

    /** A new, empty database (or schema) for one test. */
    abstract ScratchDatabase createDatabase() throws SQLException;

    @BeforeEach
    void migrate() throws SQLException {
        scratch = createDatabase();
        SchemaMigration.migrate(scratch.dataSource());
        transactions = new TransactionPerCall(scratch.dataSource());
    }

    @AfterEach
    void drop() throws SQLException {
        scratch.drop();
    }

    /** The test's database, migrated. */
    DataSource database() {
        return scratch.dataSource();
    }
}

package dev.tollgate.payments.infrastructure.persistence;

import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the latest version with Flyway at start, before JPA is used. Migrations are plain SQL
 * under {@code db/migration} that runs unchanged on H2 and PostgreSQL.
 */
public final class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    private SchemaMigration() {
    }

    /** Migrates and returns the schema version now in place. */
    public static String migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("tollgate_schema_history")
                .baselineOnMigrate(false)
                .load();
        MigrateResult result = flyway.migrate();
        String version = flyway.info().current() == null ? "none" : flyway.info().current().getVersion().toString();
        LOG.info(() -> "Tollgate schema at version " + version + " (" + result.migrationsExecuted + " applied now)");
        return version;
    }
}

package dev.tollgate.gate.it;

import java.sql.SQLException;

/**
 * {@link GateIT} against the machine's PostgreSQL, in a schema of its own dropped afterwards. Fails, never
 * skips, when PostgreSQL cannot be reached.
 */
class GateOnPostgresIT extends GateIT {

    @Override
    TestDatabase openDatabase(String name) throws SQLException {
        return new PostgresDatabase(name);
    }
}

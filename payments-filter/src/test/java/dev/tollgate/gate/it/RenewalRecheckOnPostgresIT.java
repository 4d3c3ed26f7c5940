package dev.tollgate.gate.it;

import java.sql.SQLException;

/** {@link RenewalRecheckIT} against the machine's PostgreSQL, in a schema of its own; fails, never skips, without it. */
class RenewalRecheckOnPostgresIT extends RenewalRecheckIT {

    @Override
    TestDatabase openDatabase(String name) throws SQLException {
        return new PostgresDatabase(name);
    }
}

package dev.tollgate.gate.it;

import java.sql.SQLException;

/**
 * {@link CreditSpendsIT} against the machine's PostgreSQL, in a schema of its own dropped afterwards. Fails, never
 * skips, when PostgreSQL cannot be reached.
 */
class CreditSpendsOnPostgresIT extends CreditSpendsIT {

    @Override
    TestDatabase openDatabase(String name) throws SQLException {
        return new PostgresDatabase(name);
    }

    @Override
    String lockWaitersQuery() {
        return "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()";
    }
}

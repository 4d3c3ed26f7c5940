package dev.tollgate.gate.it;

import java.sql.SQLException;

/** {@link CreditSpendsIT} against an in-memory H2 database. */
class CreditSpendsOnH2IT extends CreditSpendsIT {

    @Override
    TestDatabase openDatabase(String name) throws SQLException {
        return new H2Database("credits-" + name);
    }

    @Override
    String lockWaitersQuery() {
        return "select count(*) from information_schema.sessions where blocker_id is not null";
    }
}

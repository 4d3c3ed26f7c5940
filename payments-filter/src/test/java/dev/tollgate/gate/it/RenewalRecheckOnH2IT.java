package dev.tollgate.gate.it;

import java.sql.SQLException;

/** {@link RenewalRecheckIT} against an in-memory H2 database. */
class RenewalRecheckOnH2IT extends RenewalRecheckIT {

    @Override
    TestDatabase openDatabase(String name) throws SQLException {
        return new H2Database("gate-" + name);
    }
}

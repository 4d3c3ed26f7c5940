package dev.tollgate.gate.it;

import java.sql.SQLException;

/** {@link GateIT} against an in-memory H2 database. */
class GateOnH2IT extends GateIT {

    @Override
    TestDatabase openDatabase(String name) throws SQLException {
        return new H2Database("gate-" + name);
    }
}

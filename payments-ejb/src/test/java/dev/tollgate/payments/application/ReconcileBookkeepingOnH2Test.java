package dev.tollgate.payments.application;

/** {@link ReconcileBookkeepingClaims} on an in-memory H2 database. */
class ReconcileBookkeepingOnH2Test extends ReconcileBookkeepingClaims {

    @Override
    ScratchDatabase createDatabase() throws java.sql.SQLException {
        return ScratchDatabase.h2();
    }
}

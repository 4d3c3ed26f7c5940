package dev.tollgate.payments.application;

/** {@link ReconcileBookkeepingClaims} on a schema of its own in the machine's PostgreSQL ({@link ScratchDatabase}). */
class ReconcileBookkeepingOnPostgresIT extends ReconcileBookkeepingClaims {

    @Override
    ScratchDatabase createDatabase() throws java.sql.SQLException {
        return ScratchDatabase.postgres("reconcile_");
    }
}

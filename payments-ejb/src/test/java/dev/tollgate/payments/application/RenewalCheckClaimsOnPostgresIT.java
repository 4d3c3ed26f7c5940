package dev.tollgate.payments.application;

/** {@link RenewalCheckClaims} on a schema of its own in the machine's PostgreSQL ({@link ScratchDatabase}). */
class RenewalCheckClaimsOnPostgresIT extends RenewalCheckClaims {

    @Override
    ScratchDatabase createDatabase() throws java.sql.SQLException {
        return ScratchDatabase.postgres("renewal_");
    }
}

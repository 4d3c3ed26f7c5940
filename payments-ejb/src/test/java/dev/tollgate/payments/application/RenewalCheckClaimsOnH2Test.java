package dev.tollgate.payments.application;

/** {@link RenewalCheckClaims} on an in-memory H2 database. */
class RenewalCheckClaimsOnH2Test extends RenewalCheckClaims {

    @Override
    ScratchDatabase createDatabase() throws java.sql.SQLException {
        return ScratchDatabase.h2();
    }
}

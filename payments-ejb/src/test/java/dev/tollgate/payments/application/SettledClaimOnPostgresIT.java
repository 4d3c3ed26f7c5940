package dev.tollgate.payments.application;

class SettledClaimOnPostgresIT extends SettledClaimClaims {

    @Override
    ScratchDatabase createDatabase() throws java.sql.SQLException {
        return ScratchDatabase.postgres("settled_");
    }

    @Override
    int statementsOfARepeatedClaim() {
        return 1;
    }
}

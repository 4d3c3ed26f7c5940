package dev.tollgate.payments.application;

class SettledClaimOnPostgresIT extends SettledClaimClaims {

    @Override
    ScratchDatabase createDatabase() throws java.sql.SQLException {
        return ScratchDatabase.postgres("settled_");
    }

    @Override
    int statementsOfAFirstClaim() {
        return 1;
    }

    @Override
    int statementsOfARepeatedClaim() {
        return 1;
    }
}

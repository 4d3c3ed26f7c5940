package dev.tollgate.payments.application;

class SettledClaimOnH2Test extends SettledClaimClaims {

    @Override
    ScratchDatabase createDatabase() {
        return ScratchDatabase.h2();
    }

    @Override
    int statementsOfARepeatedClaim() {
        return 2;
    }
}

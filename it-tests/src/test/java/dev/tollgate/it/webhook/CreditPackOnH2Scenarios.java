package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The credit-pack scenarios on the embedded H2 file database. */
class CreditPackOnH2Scenarios extends CreditPackScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

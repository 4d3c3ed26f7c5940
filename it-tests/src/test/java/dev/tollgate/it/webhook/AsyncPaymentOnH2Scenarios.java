package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The delayed-notification payment scenarios on the embedded H2 file database. */
class AsyncPaymentOnH2Scenarios extends AsyncPaymentScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

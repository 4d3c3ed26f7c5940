package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The checkout failure scenarios on the embedded H2 file database. */
class CheckoutFailureOnH2Scenarios extends CheckoutFailureScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

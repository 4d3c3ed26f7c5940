package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The checkout scenarios on the embedded H2 file database. */
class CheckoutOnH2Scenarios extends CheckoutScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The checkout settings scenarios (trials, promotion codes, tax) on the embedded H2 file database. */
class CheckoutSettingsOnH2Scenarios extends CheckoutSettingsScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The checkout settings scenarios (trials, promotion codes, tax) on PostgreSQL. */
class CheckoutSettingsOnPostgresScenarios extends CheckoutSettingsScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

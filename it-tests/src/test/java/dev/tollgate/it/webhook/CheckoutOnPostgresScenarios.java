package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The checkout scenarios on PostgreSQL. */
class CheckoutOnPostgresScenarios extends CheckoutScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

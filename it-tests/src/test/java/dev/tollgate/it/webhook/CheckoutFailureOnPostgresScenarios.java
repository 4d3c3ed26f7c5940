package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The checkout failure scenarios on PostgreSQL. */
class CheckoutFailureOnPostgresScenarios extends CheckoutFailureScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The delayed-notification payment scenarios on PostgreSQL. */
class AsyncPaymentOnPostgresScenarios extends AsyncPaymentScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

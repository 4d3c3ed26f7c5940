package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The credit-pack scenarios on PostgreSQL. */
class CreditPackOnPostgresScenarios extends CreditPackScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

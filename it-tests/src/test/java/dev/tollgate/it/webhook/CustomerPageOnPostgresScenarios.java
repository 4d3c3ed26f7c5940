package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The customer page's scenarios on PostgreSQL. */
class CustomerPageOnPostgresScenarios extends CustomerPageScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

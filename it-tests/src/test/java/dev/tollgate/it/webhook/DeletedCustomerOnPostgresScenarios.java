package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The deleted-customer scenarios on PostgreSQL. */
class DeletedCustomerOnPostgresScenarios extends DeletedCustomerScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The return page scenarios on PostgreSQL. */
class ReturnPageOnPostgresScenarios extends ReturnPageScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

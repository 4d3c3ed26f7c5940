package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The one-time plan scenarios on PostgreSQL. */
class OneTimePlanOnPostgresScenarios extends OneTimePlanScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

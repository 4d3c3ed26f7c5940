package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The event attempts and background reconcile run scenarios on PostgreSQL. */
class AttemptsAndRunsOnPostgresScenarios extends AttemptsAndRunsScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The hand-off scenarios on PostgreSQL. */
class HandOffOnPostgresScenarios extends HandOffScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

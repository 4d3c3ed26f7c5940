package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The model-based access test on the machine's PostgreSQL. */
class AccessModelOnPostgresScenarios extends AccessModelScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

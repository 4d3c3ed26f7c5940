package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The trial-end scenarios on the machine's PostgreSQL 15. */
class TrialEndOnPostgresScenarios extends TrialEndScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The refund and dispute scenarios on the machine's PostgreSQL (127.0.0.1:5432, database test, a fresh schema). */
class ReversalOnPostgresScenarios extends ReversalScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

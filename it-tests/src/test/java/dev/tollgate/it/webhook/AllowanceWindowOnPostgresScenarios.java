package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The allowance-window scenarios on the machine's PostgreSQL 15. */
class AllowanceWindowOnPostgresScenarios extends AllowanceWindowScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

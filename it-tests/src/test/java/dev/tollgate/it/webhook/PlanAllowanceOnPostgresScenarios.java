package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The plan-allowance scenarios on PostgreSQL. */
class PlanAllowanceOnPostgresScenarios extends PlanAllowanceScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

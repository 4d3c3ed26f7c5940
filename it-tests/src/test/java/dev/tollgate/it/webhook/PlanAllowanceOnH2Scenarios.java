package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The plan-allowance scenarios on the embedded H2 file database. */
class PlanAllowanceOnH2Scenarios extends PlanAllowanceScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

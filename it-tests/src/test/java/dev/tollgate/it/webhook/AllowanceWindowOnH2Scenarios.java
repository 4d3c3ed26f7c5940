package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The allowance-window scenarios on the embedded H2 file database. */
class AllowanceWindowOnH2Scenarios extends AllowanceWindowScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

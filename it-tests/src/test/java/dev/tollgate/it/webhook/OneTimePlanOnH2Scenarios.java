package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The one-time plan scenarios on the embedded H2 file database. */
class OneTimePlanOnH2Scenarios extends OneTimePlanScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

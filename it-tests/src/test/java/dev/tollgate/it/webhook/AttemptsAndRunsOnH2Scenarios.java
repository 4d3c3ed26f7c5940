package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The event attempts and background reconcile run scenarios on the embedded H2 file database. */
class AttemptsAndRunsOnH2Scenarios extends AttemptsAndRunsScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The hand-off scenarios on the embedded H2 file database. */
class HandOffOnH2Scenarios extends HandOffScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The model-based access test on the embedded H2 file database (the default). */
class AccessModelOnH2Scenarios extends AccessModelScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The model-based access test on the embedded H2 file database (the default): random lifecycles and the named ones. */
class AccessModelOnH2Scenarios extends AccessModelScenarios implements RandomAccessLifecycles {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

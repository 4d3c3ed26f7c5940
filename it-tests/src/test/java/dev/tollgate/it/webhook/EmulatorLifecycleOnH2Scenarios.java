package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The emulator lifecycle scenarios on the embedded H2 file database (the default). */
class EmulatorLifecycleOnH2Scenarios extends EmulatorLifecycleScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

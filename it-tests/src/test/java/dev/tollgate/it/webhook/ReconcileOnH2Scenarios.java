package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The reconciliation scenarios on the embedded H2 file database. */
class ReconcileOnH2Scenarios extends ReconcileScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The reconciliation scenarios on PostgreSQL. */
class ReconcileOnPostgresScenarios extends ReconcileScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

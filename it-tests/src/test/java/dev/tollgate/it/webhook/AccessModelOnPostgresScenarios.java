package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/**
 * The model-based access test's named lifecycles on the machine's PostgreSQL; its random lifecycles on PostgreSQL
 * are {@link AccessModelOnPostgresLifecycles} ({@code -Plifecycle}).
 */
class AccessModelOnPostgresScenarios extends AccessModelScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/**
 * The model-based access test's random lifecycles on the machine's PostgreSQL, run by {@code -Plifecycle} (1,000 of
 * them) and not by {@code mvn verify}, whose {@code *Scenarios} run them on H2 ({@link AccessModelOnH2Scenarios}) and
 * on PostgreSQL under chaos ({@link AccessModelUnderChaosOnPostgresScenarios}).
 */
class AccessModelOnPostgresLifecycles extends AccessModelStage implements RandomAccessLifecycles {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

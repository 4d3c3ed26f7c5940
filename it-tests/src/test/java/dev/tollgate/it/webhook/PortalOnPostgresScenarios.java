package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The customer portal scenarios on PostgreSQL. */
class PortalOnPostgresScenarios extends PortalScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

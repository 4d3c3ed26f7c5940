package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The portal's proration behaviours on PostgreSQL. */
class PortalProrationOnPostgresScenarios extends PortalProrationScenarios {
    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}

package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The portal's proration behaviours on the embedded H2 file database. */
class PortalProrationOnH2Scenarios extends PortalProrationScenarios {
    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}
